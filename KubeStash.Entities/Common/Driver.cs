using System.Text.Json.Serialization;

namespace KubeStash.Entities.Common;

/// <summary>The tool that uploaded a component's backed-up data.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Driver>))]
public enum Driver
{
    /// <summary>Data uploaded with restic.</summary>
    Restic,

    /// <summary>Data uploaded with WAL-G.</summary>
    WalG,

    /// <summary>Data captured as CSI VolumeSnapshots.</summary>
    VolumeSnapshotter,
}
