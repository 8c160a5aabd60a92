using System.Security.Cryptography;
using System.Text;

namespace KubeStash.Operator.Backup;

/// <summary>Names of the objects the operator creates, shortened safely (stable hash suffix) when too long.</summary>
public static class ObjectNames
{
    /// <summary>CronJob names are limited to 52 characters (the Job controller appends an 11-character suffix).</summary>
    public const int CronJobNameLimit = 52;

    /// <summary>Label values, and names that end up in labels (e.g. job-name), are limited to 63 characters.</summary>
    public const int LabelValueLimit = 63;

    public static string TriggerCronJob(string backupConfiguration, string session)
        => Shorten($"trigger-{backupConfiguration}-{session}", CronJobNameLimit);

    public static string BackupSession(string backupConfiguration, string session, long unixTime)
        => Shorten($"{backupConfiguration}-{session}-{unixTime}", LabelValueLimit);

    public static string Snapshot(string repository, string backupConfiguration, string session, long unixTime)
        => Shorten($"{repository}-{backupConfiguration}-{session}-{unixTime}", LabelValueLimit);

    public static string BackupJob(string backupSession, string repositoryOrTask)
        => Shorten($"{backupSession}-{repositoryOrTask}", LabelValueLimit);

    public static string TriggerServiceAccount(string backupConfiguration) => Shorten($"{backupConfiguration}-trigger", LabelValueLimit);

    /// <summary>
    /// Keeps <paramref name="name"/> when it fits, else cuts it and appends <c>-</c> and 8 hex characters of its SHA-256,
    /// so two long names differing only at the end stay distinct and the same input always gives the same name.
    /// </summary>
    public static string Shorten(string name, int limit)
    {
        if (name.Length <= limit)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
        var head = name[..(limit - hash.Length - 1)].TrimEnd('-', '.');
        return $"{head}-{hash}";
    }
}
