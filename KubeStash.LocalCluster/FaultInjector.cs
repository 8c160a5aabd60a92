using System.Security.Cryptography;

namespace KubeStash.LocalCluster;

/// <summary>
/// Runtime-configurable faults, for reliability tests: failing a fraction of requests (500, or 429 with
/// Retry-After), added latency, watch streams cut every N seconds, and history compaction so old
/// resourceVersions answer 410. Also reachable over HTTP at /localcluster/faults.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private double _errorRate;
    private int _errorStatusCode = 500;
    private TimeSpan _latency;
    private TimeSpan? _watchCutInterval;
    private Action? _compact;

    /// <summary>Fraction (0..1) of API requests that fail with <see cref="ErrorStatusCode"/>.</summary>
    public double ErrorRate
    {
        get { lock (_gate) { return _errorRate; } }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 0);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1);
            lock (_gate) { _errorRate = value; }
        }
    }

    /// <summary>500 (InternalError) or 429 (TooManyRequests, sent with Retry-After: 1).</summary>
    public int ErrorStatusCode
    {
        get { lock (_gate) { return _errorStatusCode; } }
        set
        {
            if (value is not (500 or 429 or 503))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "the injected error status must be 500, 503 or 429");
            }
            lock (_gate) { _errorStatusCode = value; }
        }
    }

    /// <summary>Delay added before every API request is served.</summary>
    public TimeSpan Latency
    {
        get { lock (_gate) { return _latency; } }
        set { lock (_gate) { _latency = value < TimeSpan.Zero ? TimeSpan.Zero : value; } }
    }

    /// <summary>When set, every watch stream ends after this long (clients must re-watch).</summary>
    public TimeSpan? WatchCutInterval
    {
        get { lock (_gate) { return _watchCutInterval; } }
        set { lock (_gate) { _watchCutInterval = value; } }
    }

    /// <summary>Drops all retained history: lists and watches from older resourceVersions get 410 Expired.</summary>
    public void CompactHistory()
    {
        Action? compact;
        lock (_gate) { compact = _compact; }
        (compact ?? throw new InvalidOperationException("the server is not running"))();
    }

    /// <summary>Clears every fault.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _errorRate = 0;
            _errorStatusCode = 500;
            _latency = TimeSpan.Zero;
            _watchCutInterval = null;
        }
    }

    internal void Attach(Action compact)
    {
        lock (_gate) { _compact = compact; }
    }

    /// <summary>Whether this request is one of the injected failures.</summary>
    internal bool ShouldFail()
    {
        var rate = ErrorRate;
        return rate > 0 && RandomNumberGenerator.GetInt32(1_000_000) < rate * 1_000_000;
    }
}
