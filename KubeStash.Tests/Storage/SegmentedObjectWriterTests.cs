using KubeStash.Storage;
using KubeStash.Storage.Snapshots;

namespace KubeStash.Tests.Storage;

/// <summary>The part uploader's memory bound: a slow store makes the writer wait, never allocate more parts.</summary>
public sealed class SegmentedObjectWriterTests
{
    private const int PartSize = 1024;

    [Test]
    public async Task A_slow_store_holds_the_writer_at_one_buffer_per_upload_plus_the_one_being_filled()
    {
        await using var backend = await TestBackends.CreateAsync("local");
        var store = new GatedStore(backend.Store);
        var data = Enumerable.Range(0, 5 * PartSize).Select(i => (byte)(i * 7)).ToArray();
        await using var writer = new SegmentedObjectWriter(store, "object", PartSize, parallelUploads: 2, CancellationToken.None);

        // Parts 0 and 1 go to the two uploads (both held by the store); the third buffer takes part 2.
        var upToLastByteOfPart2 = (3 * PartSize) - 1;
        await writer.WriteAsync(data.AsMemory(0, upToLastByteOfPart2)).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        await store.WaitForPutsAsync(2);

        // Its last byte fills part 2 while every buffer is taken: shipping it has to wait for an upload to finish.
        var blocked = writer.WriteAsync(data.AsMemory(upToLastByteOfPart2, 1)).AsTask();
        await Task.Delay(300);
        blocked.IsCompleted.Should().BeFalse("all three buffers are in use while both uploads are held");

        store.Release(1);
        await blocked.WaitAsync(TimeSpan.FromSeconds(10));

        store.Release(int.MaxValue / 2);
        await writer.WriteAsync(data.AsMemory(3 * PartSize));
        var info = await writer.CompleteAsync(CancellationToken.None);

        store.MaxConcurrentPuts.Should().Be(2);
        info.Parts.Should().HaveCount(5);
        await using var reader = new SegmentedObjectReader(backend.Store, info, "object");
        var read = new MemoryStream();
        await reader.CopyToAsync(read);
        read.ToArray().Should().Equal(data);
    }

    /// <summary>A store whose puts wait until the test lets them through, counting how many run at once.</summary>
    private sealed class GatedStore(IObjectStore inner) : IObjectStore
    {
        private readonly SemaphoreSlim gate = new(0);
        private readonly Lock counting = new();
        private int running;
        private int started;

        public int MaxConcurrentPuts { get; private set; }

        public string Description => inner.Description;

        public void Release(int count) => gate.Release(count);

        public async Task WaitForPutsAsync(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Volatile.Read(ref started) < count)
            {
                DateTime.UtcNow.Should().BeBefore(deadline, $"{count} puts should have started");
                await Task.Delay(10);
            }
        }

        public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
        {
            lock (counting)
            {
                running++;
                started++;
                MaxConcurrentPuts = Math.Max(MaxConcurrentPuts, running);
            }

            try
            {
                await gate.WaitAsync(cancellationToken);
                await inner.PutAsync(key, content, cancellationToken);
            }
            finally
            {
                lock (counting)
                {
                    running--;
                }
            }
        }

        public Task EnsureReadyAsync(CancellationToken cancellationToken) => inner.EnsureReadyAsync(cancellationToken);

        public Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => inner.PutIfAbsentAsync(key, content, cancellationToken);

        public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) => inner.OpenReadAsync(key, cancellationToken);

        public Task<byte[]> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

        public Task<ObjectInfo?> StatAsync(string key, CancellationToken cancellationToken) => inner.StatAsync(key, cancellationToken);

        public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

        public Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken) => inner.DeletePrefixAsync(prefix, cancellationToken);

        public ValueTask DisposeAsync()
        {
            gate.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
