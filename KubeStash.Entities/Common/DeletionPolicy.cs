using System.Text.Json.Serialization;

namespace KubeStash.Entities.Common;

/// <summary>What happens to backed-up data when the object that owns it is deleted.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeletionPolicy>))]
public enum DeletionPolicy
{
    /// <summary>Delete the dependent objects but keep the backed-up data in the backend.</summary>
    Delete,

    /// <summary>Delete the dependent objects and the backed-up data in the backend.</summary>
    WipeOut,
}
