using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Core;

/// <summary>The target of backup, the backends where the data is stored, and the sessions that say when and how to back up.</summary>
public sealed class BackupConfigurationSpec
{
    /// <summary>The target of backup (apiGroup, kind, name, namespace), e.g. a Namespace for a manifest backup.</summary>
    [JsonPropertyName("target")]
    public TypedObjectReference? Target { get; set; }

    /// <summary>Backends where the backed-up data is stored; without them the namespace's default BackupStorage is used.</summary>
    [JsonPropertyName("backends")]
    public IList<BackendReference>? Backends { get; set; }

    /// <summary>The backup sessions.</summary>
    [JsonPropertyName("sessions")]
    public IList<Session>? Sessions { get; set; }

    /// <summary>Ways to verify the backed-up data, referred to by name from a repository's <c>verificationStrategy</c>.</summary>
    [JsonPropertyName("verificationStrategies")]
    public IList<VerificationStrategy>? VerificationStrategies { get; set; }

    /// <summary>Whether backups are paused: the triggering CronJobs are suspended and events are not processed.</summary>
    [JsonPropertyName("paused")]
    public bool? Paused { get; set; }
}
