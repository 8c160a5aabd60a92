using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Core;

/// <summary>The BackupConfiguration template and the kinds it applies to.</summary>
public sealed class BackupBlueprintSpec
{
    /// <summary>Template of the BackupConfiguration created for each matching target.</summary>
    [JsonPropertyName("backupConfigurationTemplate")]
    public BackupConfigurationTemplate? BackupConfigurationTemplate { get; set; }

    /// <summary>Kinds of resources this BackupBlueprint applies to; KubeStash watches them.</summary>
    [JsonPropertyName("subjects")]
    public IList<TypeMeta>? Subjects { get; set; }

    /// <summary>Which namespaces may use this BackupBlueprint; without it only its own namespace may.</summary>
    [JsonPropertyName("usagePolicy")]
    public UsagePolicy? UsagePolicy { get; set; }
}
