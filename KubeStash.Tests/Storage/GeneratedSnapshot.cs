using System.Security.Cryptography;
using System.Text;
using KubeStash.Storage.Snapshots;

namespace KubeStash.Tests.Storage;

/// <summary>
/// Deterministic snapshot content: mostly small manifest-like YAML files in KubeStash's dump layout, with a
/// 1 MiB binary-ish file every <see cref="LargeEvery"/> entries. Content is regenerated on demand, never held.
/// </summary>
public sealed class GeneratedSnapshot(int entries, int largeEvery = 2500)
{
    public int Entries => entries;

    public int LargeEvery => largeEvery;

    public static string PathOf(int index) => index % 5 == 0
        ? $"manifest/clusterroles.rbac.authorization.k8s.io/cluster/role-{index:D6}.yaml"
        : $"manifest/configmaps/namespaces/ns-{index % 40:D2}/config-{index:D6}.yaml";

    public byte[] Content(int index)
    {
        if (largeEvery > 0 && index % largeEvery == largeEvery - 1)
        {
            var large = new byte[1 << 20];
            new Random(index).NextBytes(large);
            return large;
        }

        return Encoding.UTF8.GetBytes(
            $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-{index:D6}\n  namespace: ns-{index % 40:D2}\n  labels:\n    app: demo-{index % 7}\ndata:\n  key: value-{index * 7919 % 100_003}\n  index: \"{index}\"\n");
    }

    public string Sha256(int index) => Convert.ToHexStringLower(SHA256.HashData(Content(index)));

    public async Task<CommitRecord> WriteAsync(SnapshotWriter writer)
    {
        for (var i = 0; i < entries; i++)
        {
            await writer.AddAsync(PathOf(i), Content(i));
        }

        return await writer.CommitAsync();
    }
}
