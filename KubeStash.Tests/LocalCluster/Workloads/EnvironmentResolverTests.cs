using System.Text;
using k8s.Models;
using KubeStash.LocalCluster.Workloads;

namespace KubeStash.Tests.LocalCluster.Workloads;

public sealed class EnvironmentResolverTests
{
    private sealed class InMemoryObjects : IWorkloadObjectSource
    {
        public Dictionary<(string, string), V1Secret> Secrets { get; } = [];

        public Dictionary<(string, string), V1ConfigMap> ConfigMaps { get; } = [];

        public Task<V1Secret?> GetSecretAsync(string @namespace, string name, CancellationToken cancellationToken) =>
            Task.FromResult(Secrets.GetValueOrDefault((@namespace, name)));

        public Task<V1ConfigMap?> GetConfigMapAsync(string @namespace, string name, CancellationToken cancellationToken) =>
            Task.FromResult(ConfigMaps.GetValueOrDefault((@namespace, name)));
    }

    private static V1Pod Pod(V1Container container) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "backup-abc12",
            NamespaceProperty = "demo",
            Uid = "uid-1",
            Labels = new Dictionary<string, string> { ["app"] = "stash" },
        },
        Spec = new V1PodSpec { ServiceAccountName = "kubestash-sa", Containers = [container] },
        Status = new V1PodStatus { PodIP = "127.0.0.1" },
    };

    private static InMemoryObjects Objects()
    {
        var objects = new InMemoryObjects();
        objects.Secrets[("demo", "creds")] = new V1Secret { Data = new Dictionary<string, byte[]> { ["password"] = Encoding.UTF8.GetBytes("s3cret"), ["user"] = Encoding.UTF8.GetBytes("admin") } };
        objects.ConfigMaps[("demo", "settings")] = new V1ConfigMap { Data = new Dictionary<string, string> { ["LEVEL"] = "debug", ["bad-key!"] = "x", ["region"] = "eu" } };
        return objects;
    }

    [Test]
    public async Task Literals_field_refs_secret_and_configmap_refs_resolve_in_order()
    {
        var container = new V1Container
        {
            Name = "main",
            EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = "settings" }, Prefix = "CFG_" }, new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = "creds" } }],
            Env =
            [
                new V1EnvVar { Name = "POD_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } },
                new V1EnvVar { Name = "POD_NAMESPACE", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.namespace" } } },
                new V1EnvVar { Name = "SA", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "spec.serviceAccountName" } } },
                new V1EnvVar { Name = "IP", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "status.podIP" } } },
                new V1EnvVar { Name = "APP", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.labels['app']" } } },
                new V1EnvVar { Name = "PASS", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "creds", Key = "password" } } },
                new V1EnvVar { Name = "REGION", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "settings", Key = "region" } } },
                new V1EnvVar { Name = "TARGET", Value = "$(POD_NAMESPACE)/$(POD_NAME) as $(user) $(LATER)" },
                new V1EnvVar { Name = "LATER", Value = "late" },
                new V1EnvVar { Name = "user", Value = "override" },
            ],
        };

        var env = await new ContainerEnvironmentResolver(Objects()).ResolveAsync(Pod(container), container, CancellationToken.None);

        env.Should().Contain(new Dictionary<string, string>
        {
            ["CFG_LEVEL"] = "debug",
            ["CFG_region"] = "eu",
            ["password"] = "s3cret",
            ["user"] = "override",
            ["POD_NAME"] = "backup-abc12",
            ["POD_NAMESPACE"] = "demo",
            ["SA"] = "kubestash-sa",
            ["IP"] = "127.0.0.1",
            ["APP"] = "stash",
            ["PASS"] = "s3cret",
            ["REGION"] = "eu",
            ["TARGET"] = "demo/backup-abc12 as admin $(LATER)",
            ["LATER"] = "late",
        });
        env.Should().NotContainKey("CFG_bad-key!");
    }

    [Test]
    public async Task Missing_secret_is_a_config_error_naming_it()
    {
        var container = new V1Container
        {
            Name = "main",
            Env = [new V1EnvVar { Name = "PASS", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "absent", Key = "k" } } }],
        };

        var act = () => new ContainerEnvironmentResolver(Objects()).ResolveAsync(Pod(container), container, CancellationToken.None);

        await act.Should().ThrowAsync<ContainerConfigException>().WithMessage("*secret \"absent\" not found*PASS*");
    }

    [Test]
    public async Task Missing_key_is_a_config_error_unless_optional()
    {
        var required = new V1Container
        {
            Name = "main",
            Env = [new V1EnvVar { Name = "X", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "settings", Key = "nope" } } }],
        };
        var optional = new V1Container
        {
            Name = "main",
            Env = [new V1EnvVar { Name = "X", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "settings", Key = "nope", Optional = true } } }],
            EnvFrom = [new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = "absent", Optional = true } }],
        };
        var resolver = new ContainerEnvironmentResolver(Objects());

        var act = () => resolver.ResolveAsync(Pod(required), required, CancellationToken.None);
        await act.Should().ThrowAsync<ContainerConfigException>().WithMessage("*couldn't find key nope in ConfigMap demo/settings*");
        (await resolver.ResolveAsync(Pod(optional), optional, CancellationToken.None)).Should().NotContainKey("X");
    }

    [Test]
    public async Task Unknown_field_path_is_a_config_error()
    {
        var container = new V1Container
        {
            Name = "main",
            Env = [new V1EnvVar { Name = "X", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "spec.nonsense" } } }],
        };

        var act = () => new ContainerEnvironmentResolver(Objects()).ResolveAsync(Pod(container), container, CancellationToken.None);

        await act.Should().ThrowAsync<ContainerConfigException>().WithMessage("*spec.nonsense*");
    }

    [Test]
    public async Task Resource_field_ref_divides_the_limit_rounding_up()
    {
        var container = new V1Container
        {
            Name = "main",
            Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("64Mi"), ["cpu"] = new("500m") } },
            Env =
            [
                new V1EnvVar { Name = "MEM_MI", ValueFrom = new V1EnvVarSource { ResourceFieldRef = new V1ResourceFieldSelector { Resource = "limits.memory", Divisor = new ResourceQuantity("1Mi") } } },
                new V1EnvVar { Name = "CPU", ValueFrom = new V1EnvVarSource { ResourceFieldRef = new V1ResourceFieldSelector { Resource = "limits.cpu" } } },
            ],
        };

        var env = await new ContainerEnvironmentResolver(Objects()).ResolveAsync(Pod(container), container, CancellationToken.None);

        env["MEM_MI"].Should().Be("64");
        env["CPU"].Should().Be("1");
    }
}
