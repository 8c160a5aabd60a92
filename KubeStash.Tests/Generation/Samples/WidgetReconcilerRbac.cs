using KubeStash.Operator.Runtime.Rbac;

namespace KubeStash.Tests.Generation.Samples;

/// <summary>Test-only RBAC declarations of a controller that owns widgets.</summary>
[EntityRbac(typeof(Widget), Verbs = RbacVerbs.Get | RbacVerbs.List | RbacVerbs.Watch | RbacVerbs.Update)]
[EntityRbac(typeof(Gadget), Verbs = RbacVerbs.Get | RbacVerbs.Patch)]
[GenericRbac(Groups = [""], Resources = ["events"], Verbs = RbacVerbs.Create | RbacVerbs.Patch)]
public sealed class WidgetReconcilerRbac;
