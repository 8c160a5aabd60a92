using System.Globalization;

namespace KubeStash.Benchmarks;

/// <summary>One benchmark phase as the orchestrating process hands it to a child process.</summary>
internal sealed record StoragePhaseOptions(
    string Backend,
    string Phase,
    bool Encrypted,
    int Entries,
    int TotalMiB,
    int PartMiB,
    int Uploads,
    string? Directory,
    string? Endpoint,
    string? AccessKey,
    string? SecretKey)
{
    public IEnumerable<string> ToArguments()
    {
        yield return "storage-phase";
        foreach (var (name, value) in Pairs())
        {
            if (value is not null)
            {
                yield return name;
                yield return value;
            }
        }
    }

    public static StoragePhaseOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        string Required(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"storage-phase needs {name}");
        return new StoragePhaseOptions(
            Required("--backend"),
            Required("--phase"),
            Required("--mode") == "encrypted",
            int.Parse(Required("--entries"), CultureInfo.InvariantCulture),
            int.Parse(Required("--mib"), CultureInfo.InvariantCulture),
            int.Parse(Required("--part-mib"), CultureInfo.InvariantCulture),
            int.Parse(Required("--uploads"), CultureInfo.InvariantCulture),
            values.GetValueOrDefault("--dir"),
            values.GetValueOrDefault("--endpoint"),
            values.GetValueOrDefault("--access-key"),
            values.GetValueOrDefault("--secret-key"));
    }

    private IEnumerable<(string, string?)> Pairs() =>
    [
        ("--backend", Backend),
        ("--phase", Phase),
        ("--mode", Encrypted ? "encrypted" : "plain"),
        ("--entries", Entries.ToString(CultureInfo.InvariantCulture)),
        ("--mib", TotalMiB.ToString(CultureInfo.InvariantCulture)),
        ("--part-mib", PartMiB.ToString(CultureInfo.InvariantCulture)),
        ("--uploads", Uploads.ToString(CultureInfo.InvariantCulture)),
        ("--dir", Directory),
        ("--endpoint", Endpoint),
        ("--access-key", AccessKey),
        ("--secret-key", SecretKey),
    ];
}
