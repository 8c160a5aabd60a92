using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Core;

/// <summary>The target to restore into, the data to restore and how to restore it.</summary>
public sealed class RestoreSessionSpec
{
    /// <summary>The application (apiGroup, kind, name, namespace) the data is restored into.</summary>
    [JsonPropertyName("target")]
    public TypedObjectReference? Target { get; set; }

    /// <summary>The backed-up data to restore.</summary>
    [JsonPropertyName("dataSource")]
    public RestoreDataSource? DataSource { get; set; }

    /// <summary>The Addon, tasks and runtime configuration used to restore the target.</summary>
    [JsonPropertyName("addon")]
    public AddonInfo? Addon { get; set; }

    /// <summary>Hooks executed before and after the restore.</summary>
    [JsonPropertyName("hooks")]
    public RestoreHooks? Hooks { get; set; }

    /// <summary>Maximum duration of the restore, as a Go duration (e.g. <c>30m</c>); the session fails when exceeded.</summary>
    [JsonPropertyName("restoreTimeout")]
    public string? RestoreTimeout { get; set; }

    /// <summary>Options selecting which backed-up manifests are restored and where.</summary>
    [JsonPropertyName("manifestOptions")]
    public ManifestRestoreOptions? ManifestOptions { get; set; }
}
