using System.Threading.Channels;

namespace KubeStash.LocalCluster.Storage;

/// <summary>A live watch on one table: the store pushes every committed change of that table, in order.</summary>
internal sealed class WatchSubscription(string table, bool wantsBookmarks)
{
    public string Table { get; } = table;
    public bool WantsBookmarks { get; } = wantsBookmarks;
    public Channel<ChangeRecord> Changes { get; } = Channel.CreateUnbounded<ChangeRecord>(new UnboundedChannelOptions { SingleReader = true });
}
