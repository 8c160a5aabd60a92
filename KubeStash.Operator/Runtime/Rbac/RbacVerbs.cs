namespace KubeStash.Operator.Runtime.Rbac;

/// <summary>Kubernetes RBAC verbs, combinable.</summary>
[Flags]
public enum RbacVerbs
{
    None = 0,
    Get = 1 << 0,
    List = 1 << 1,
    Watch = 1 << 2,
    Create = 1 << 3,
    Update = 1 << 4,
    Patch = 1 << 5,
    Delete = 1 << 6,
    DeleteCollection = 1 << 7,
    All = Get | List | Watch | Create | Update | Patch | Delete | DeleteCollection,
}
