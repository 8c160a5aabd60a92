using System.Text.Json.Serialization;

namespace KubeStash.Entities.Common;

/// <summary>How the namespaces allowed to use a shared resource are chosen.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FromNamespaces>))]
public enum FromNamespaces
{
    /// <summary>Every namespace may use the resource.</summary>
    All,

    /// <summary>Only namespaces matching <c>selector</c> may use the resource.</summary>
    Selector,

    /// <summary>Only the resource's own namespace may use it.</summary>
    Same,
}
