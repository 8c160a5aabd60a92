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
