using System.Globalization;

namespace KubeStash.Benchmarks;

/// <summary>
/// Samples this process's memory every few milliseconds and keeps the sample with the highest resident set, so a
/// phase can say what its peak was made of: the GC's committed memory (of which the live heap), the rest of the
/// anonymous memory (native allocations, thread stacks, the runtime itself), mapped files and the thread count.
/// </summary>
internal sealed class MemoryBreakdown : IDisposable
{
    private readonly Thread sampler;
    private readonly CancellationTokenSource stop = new();
    private Sample? peak;

    private MemoryBreakdown()
    {
        // A thread of its own: a timer would borrow the thread pool the phase is measured on.
        sampler = new Thread(Run) { IsBackground = true, Name = "memory sampler" };
        sampler.Start();
    }

    public static MemoryBreakdown Start() => new();

    /// <summary>The sample at the highest resident set seen so far, as one line.</summary>
    public string Describe()
    {
        var sample = Volatile.Read(ref peak) ?? Take();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"  at peak: RSS {sample.RssMiB:0.0} = anon {sample.AnonMiB:0.0} (GC committed {sample.GcCommittedMiB:0.0}, GC heap {sample.GcHeapMiB:0.0}, other {sample.AnonMiB - sample.GcCommittedMiB:0.0}) + file {sample.FileMiB:0.0}; threads {sample.Threads}; gen0/1/2 collections {sample.Collections}; after the last GC gen0/1/2/LOH/POH {sample.Generations} MiB");
    }

    public void Dispose()
    {
        stop.Cancel();
        sampler.Join();
        stop.Dispose();
    }

    private void Run()
    {
        while (!stop.IsCancellationRequested)
        {
            var sample = Take();
            if (peak is null || sample.RssMiB > peak.RssMiB)
            {
                Volatile.Write(ref peak, sample);
            }

            stop.Token.WaitHandle.WaitOne(5);
        }
    }

    private static Sample Take()
    {
        double rss = 0, anon = 0, file = 0;
        var threads = 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kib(line);
            }
            else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                anon = Kib(line);
            }
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal) || line.StartsWith("RssShmem:", StringComparison.Ordinal))
            {
                file += Kib(line);
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = int.Parse(line["Threads:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        var gc = GC.GetGCMemoryInfo();
        return new Sample(
            rss,
            anon,
            file,
            gc.TotalCommittedBytes / 1048576.0,
            gc.HeapSizeBytes / 1048576.0,
            threads,
            $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}",
            string.Join('/', gc.GenerationInfo.ToArray().Select(generation => (generation.SizeAfterBytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture))));
    }

    private static double Kib(string line) =>
        long.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;

    private sealed record Sample(double RssMiB, double AnonMiB, double FileMiB, double GcCommittedMiB, double GcHeapMiB, int Threads, string Collections, string Generations);
}
