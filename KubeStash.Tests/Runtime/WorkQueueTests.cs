using KubeStash.Operator.Runtime.Queue;

namespace KubeStash.Tests.Runtime;

public sealed class WorkQueueTests
{
    private static WorkQueue<string> NewQueue(TimeSpan? baseDelay = null, TimeSpan? maxDelay = null)
        => new(
            new WorkQueueOptions
            {
                BaseRetryDelay = baseDelay ?? TimeSpan.FromMilliseconds(10),
                MaxRetryDelay = maxDelay ?? TimeSpan.FromMilliseconds(80),
            },
            TimeProvider.System);

    private static async Task<string?> TryTakeAsync(WorkQueue<string> queue, int milliseconds = 100)
    {
        using var timeout = new CancellationTokenSource(milliseconds);
        try
        {
            return await queue.TakeAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    [Test]
    public async Task Repeated_adds_of_a_waiting_key_are_handed_out_once()
    {
        using var queue = NewQueue();
        queue.Add("a");
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");

        queue.Depth.Should().Be(2);
        (await TryTakeAsync(queue)).Should().Be("a");
        (await TryTakeAsync(queue)).Should().Be("b");
        (await TryTakeAsync(queue)).Should().BeNull();
    }

    [Test]
    public async Task A_key_in_flight_is_not_handed_out_again_until_done_and_then_exactly_once()
    {
        using var queue = NewQueue();
        queue.Add("a");
        var taken = await TryTakeAsync(queue);
        taken.Should().Be("a");

        queue.Add("a");
        queue.Add("a");
        (await TryTakeAsync(queue)).Should().BeNull("the key is still being processed");

        queue.Done("a");
        (await TryTakeAsync(queue)).Should().Be("a");
        queue.Done("a");
        (await TryTakeAsync(queue)).Should().BeNull();
    }

    [Test]
    public async Task Done_without_a_new_add_does_not_requeue()
    {
        using var queue = NewQueue();
        queue.Add("a");
        (await TryTakeAsync(queue)).Should().Be("a");
        queue.Done("a");
        (await TryTakeAsync(queue)).Should().BeNull();
    }

    [Test]
    public async Task Different_keys_are_handed_out_concurrently()
    {
        using var queue = NewQueue();
        queue.Add("a");
        queue.Add("b");
        var first = await TryTakeAsync(queue);
        var second = await TryTakeAsync(queue);
        new[] { first, second }.Should().BeEquivalentTo(["a", "b"]);
    }

    [Test]
    public async Task AddAfter_delays_the_key_and_the_earliest_due_time_wins()
    {
        using var queue = NewQueue();
        queue.AddAfter("a", TimeSpan.FromSeconds(30));
        queue.AddAfter("a", TimeSpan.FromMilliseconds(150));
        queue.AddAfter("a", TimeSpan.FromSeconds(10));

        (await TryTakeAsync(queue, 50)).Should().BeNull("nothing is due yet");
        (await TryTakeAsync(queue, 1000)).Should().Be("a");
        queue.Done("a");
        (await TryTakeAsync(queue, 300)).Should().BeNull("the later delayed adds were superseded by the earlier one");
    }

    [Test]
    public void Failures_back_off_exponentially_up_to_the_cap_and_forget_resets()
    {
        using var queue = NewQueue(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(80));
        var delays = Enumerable.Range(0, 6).Select(_ => queue.AddRateLimited("a")).ToList();
        delays.Should().Equal(
            TimeSpan.FromMilliseconds(10),
            TimeSpan.FromMilliseconds(20),
            TimeSpan.FromMilliseconds(40),
            TimeSpan.FromMilliseconds(80),
            TimeSpan.FromMilliseconds(80),
            TimeSpan.FromMilliseconds(80));
        queue.FailureCount("a").Should().Be(6);
        queue.AddRateLimited("b").Should().Be(TimeSpan.FromMilliseconds(10), "failures are counted per key");

        queue.Forget("a");
        queue.FailureCount("a").Should().Be(0);
        queue.AddRateLimited("a").Should().Be(TimeSpan.FromMilliseconds(10));
    }

    [Test]
    public async Task A_rate_limited_key_comes_back_after_its_backoff()
    {
        using var queue = NewQueue(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        queue.AddRateLimited("a");
        (await TryTakeAsync(queue, 30)).Should().BeNull();
        (await TryTakeAsync(queue, 1000)).Should().Be("a");
    }

    [Test]
    public async Task Shutdown_releases_waiting_takers_and_ignores_later_adds()
    {
        using var queue = NewQueue();
        var waiting = queue.TakeAsync(CancellationToken.None);
        queue.ShutDown();
        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<OperationCanceledException>();

        queue.Add("a");
        queue.Depth.Should().Be(0);
    }
}
