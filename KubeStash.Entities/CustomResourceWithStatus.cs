using System.Text.Json.Serialization;
using k8s.Models;

namespace KubeStash.Entities;

/// <summary>A custom resource with a desired state and an observed state served by the <c>/status</c> subresource.</summary>
/// <typeparam name="TSpec">The desired state.</typeparam>
/// <typeparam name="TStatus">The observed state.</typeparam>
public abstract class CustomResource<TSpec, TStatus> : CustomResource<TSpec>, IStatus<TStatus>
    where TSpec : new()
    where TStatus : new()
{
    /// <summary>The most recently observed state of the object.</summary>
    [JsonPropertyName("status")]
    public TStatus Status { get; set; } = new();
}
