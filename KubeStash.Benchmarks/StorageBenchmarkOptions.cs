using System.Globalization;

namespace KubeStash.Benchmarks;

/// <summary>What the storage benchmark writes and where.</summary>
internal sealed record StorageBenchmarkOptions(int Entries, int TotalMiB, IReadOnlyList<string> Backends, int PartMiB, int Uploads, IReadOnlyList<bool> Encrypted, int Rounds)
{
    public static StorageBenchmarkOptions Parse(string[] args)
    {
        var entries = 100_000;
        var mib = 500;
        var partMiB = 2;
        var uploads = new KubeStash.Storage.Snapshots.SnapshotWriterOptions().ParallelUploads;
        IReadOnlyList<string> backends = ["local", "s3"];
        IReadOnlyList<bool> encrypted = [false, true];
        var rounds = 1;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--entries":
                    entries = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--mib":
                    mib = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--part-mib":
                    partMiB = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--backends":
                    backends = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    break;
                case "--modes":
                    encrypted = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(mode => mode switch
                    {
                        "plain" => false,
                        "encrypted" => true,
                        _ => throw new ArgumentException($"--modes: unknown mode {mode} (plain, encrypted)"),
                    }).ToArray();
                    break;
                case "--uploads":
                    uploads = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--rounds":
                    rounds = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException($"unknown option {args[i]}");
            }

            i++;
        }

        if (entries < 100 || mib < 1 || rounds < 1 || uploads < 1)
        {
            throw new ArgumentException("--entries must be at least 100, --mib, --uploads and --rounds at least 1");
        }

        return new StorageBenchmarkOptions(entries, mib, backends, partMiB, uploads, encrypted, rounds);
    }
}
