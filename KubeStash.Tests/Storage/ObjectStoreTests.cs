using System.Text;
using KubeStash.Storage;

namespace KubeStash.Tests.Storage;

/// <summary>The backend contract, run against each real backend.</summary>
public sealed class ObjectStoreTests
{
    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.All))]
    public async Task Put_get_stat_open_and_delete(string provider)
    {
        await using var backend = await TestBackends.CreateAsync(provider);
        var store = backend.Store;
        var none = CancellationToken.None;

        (await store.StatAsync("a/b.yaml", none)).Should().BeNull();
        var missing = () => store.GetAsync("a/b.yaml", none);
        (await missing.Should().ThrowAsync<StorageException>()).Which.Kind.Should().Be(StorageErrorKind.NotFound);

        await store.PutAsync("a/b.yaml", "hello"u8.ToArray(), none);
        (await store.GetAsync("a/b.yaml", none)).Should().Equal("hello"u8.ToArray());
        (await store.StatAsync("a/b.yaml", none))!.Size.Should().Be(5);

        // Above S3's 5 MiB threshold: the client sends it as a multipart upload.
        var big = new byte[6 << 20];
        new Random(7).NextBytes(big);
        await store.PutAsync("a/big.bin", big, none);
        await using (var stream = await store.OpenReadAsync("a/big.bin", none))
        {
            var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            copy.ToArray().Should().Equal(big);
        }

        await store.PutAsync("a/b.yaml", "replaced"u8.ToArray(), none);
        (await store.GetAsync("a/b.yaml", none)).Should().Equal("replaced"u8.ToArray());

        await store.DeleteAsync("a/b.yaml", none);
        await store.DeleteAsync("a/b.yaml", none);
        (await store.StatAsync("a/b.yaml", none)).Should().BeNull();
    }

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.All))]
    public async Task Put_if_absent_writes_only_once(string provider)
    {
        await using var backend = await TestBackends.CreateAsync(provider);
        (await backend.Store.PutIfAbsentAsync("metadata.yaml", "first"u8.ToArray(), CancellationToken.None)).Should().BeTrue();
        (await backend.Store.PutIfAbsentAsync("metadata.yaml", "second"u8.ToArray(), CancellationToken.None)).Should().BeFalse();
        (await backend.Store.GetAsync("metadata.yaml", CancellationToken.None)).Should().Equal("first"u8.ToArray());
    }

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.All))]
    public async Task List_pages_through_more_than_a_thousand_keys_in_order_and_delete_prefix_removes_them(string provider)
    {
        await using var backend = await TestBackends.CreateAsync(provider);
        var store = backend.Store;
        var keys = Enumerable.Range(0, 1050).Select(i => $"many/{i:D5}.yaml").ToList();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (key, token) =>
            await store.PutAsync(key, Encoding.UTF8.GetBytes(key), token));
        await store.PutAsync("other/x.yaml", "x"u8.ToArray(), CancellationToken.None);
        await store.PutAsync("manyother.yaml", "y"u8.ToArray(), CancellationToken.None);

        var listed = await store.ListAsync("many/", CancellationToken.None).ToListAsync();
        listed.Select(o => o.Key).Should().Equal(keys);
        listed.Should().OnlyContain(o => o.Size == 15);

        (await store.DeletePrefixAsync("many/", CancellationToken.None)).Should().Be(1050);
        (await store.ListAsync("many/", CancellationToken.None).CountAsync()).Should().Be(0);
        (await store.ListAsync(string.Empty, CancellationToken.None).Select(o => o.Key).ToListAsync()).Should().Equal("manyother.yaml", "other/x.yaml");
    }

    [TestCaseSource(typeof(TestBackends), nameof(TestBackends.All))]
    public async Task Keys_stay_inside_the_storage_prefix(string provider)
    {
        await using var backend = await TestBackends.CreateAsync(provider);
        var escape = () => backend.Store.PutAsync("../outside.yaml", "x"u8.ToArray(), CancellationToken.None);
        (await escape.Should().ThrowAsync<StorageException>()).Which.Kind.Should().Be(StorageErrorKind.Configuration);
        var absolute = () => backend.Store.PutAsync("/etc/x", "x"u8.ToArray(), CancellationToken.None);
        await absolute.Should().ThrowAsync<StorageException>().WithMessage("*invalid object key*");
    }
}
