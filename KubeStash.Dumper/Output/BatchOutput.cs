using KubeStash.Dumper.Discovery;

namespace KubeStash.Dumper.Output;

/// <summary>
/// How collections hand manifests to the writer: <see cref="Rent"/> an empty batch for a type (reused once written),
/// fill it, <see cref="SendAsync"/> it (waits while the writer's queue is full).
/// </summary>
internal sealed class BatchOutput(Func<ApiResourceType, ManifestBatch> rent, Func<ManifestBatch, CancellationToken, ValueTask> send, int batchBytes, bool sanitize)
{
    /// <summary>Hand a batch over once its YAML reaches this many bytes.</summary>
    public int BatchBytes => batchBytes;

    /// <summary>Whether objects are sanitized as they are encoded.</summary>
    public bool Sanitize => sanitize;

    public ManifestBatch Rent(ApiResourceType type) => rent(type);

    public ValueTask SendAsync(ManifestBatch batch, CancellationToken cancellationToken) => send(batch, cancellationToken);
}
