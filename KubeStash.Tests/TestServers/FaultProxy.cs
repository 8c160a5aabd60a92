using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeStash.Tests.TestServers;

/// <summary>
/// An HTTP reverse proxy on 127.0.0.1 (random port) in front of a loopback server, failing a configurable share
/// of requests: connection resets (before the request, or after the server handled it), 503s and stalls.
/// The Host header is passed through unchanged so request signatures (S3 SigV4, Azure shared key) stay valid.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Host",
    };

    private readonly WebApplication app;
    private readonly HttpClient upstreamClient;
    private readonly Uri upstream;
    private readonly Random dice;
    private readonly Lock diceLock = new();
    private FaultProxyOptions options;
    private int faults;
    private int requests;

    private FaultProxy(WebApplication app, HttpClient upstreamClient, Uri upstream, FaultProxyOptions options)
    {
        this.app = app;
        this.upstreamClient = upstreamClient;
        this.upstream = upstream;
        this.options = options;
        dice = new Random(options.Seed);
    }

    /// <summary>The proxy's own base address; point clients here instead of at the server.</summary>
    public Uri Address { get; private set; } = null!;

    public int Requests => Volatile.Read(ref requests);

    public int Faults => Volatile.Read(ref faults);

    /// <summary>Changes the failure behaviour on the fly (e.g. 100 % to simulate an outage).</summary>
    public FaultProxyOptions Options
    {
        get => options;
        set => options = value;
    }

    public static async Task<FaultProxy> StartAsync(Uri upstream, FaultProxyOptions options)
    {
        if (!IPAddress.TryParse(upstream.Host, out var address) || !IPAddress.IsLoopback(address))
        {
            throw new ArgumentException($"the fault proxy only fronts loopback servers, not {upstream}", nameof(upstream));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (options.TlsCertificate is { } certificate)
                {
                    listen.UseHttps(certificate);
                }
            });
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var proxy = new FaultProxy(app, client, upstream, options);
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        proxy.Address = new Uri(bound.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + upstream.AbsolutePath.TrimEnd('/'));
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        upstreamClient.Dispose();
    }

    private FaultKind? Roll()
    {
        Interlocked.Increment(ref requests);
        var current = options;
        lock (diceLock)
        {
            if (current.FailureRate <= 0 || faults >= current.MaxFaults || dice.NextDouble() >= current.FailureRate)
            {
                return null;
            }

            faults++;
            return current.Kinds[dice.Next(current.Kinds.Count)];
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var fault = Roll();
        switch (fault)
        {
            case FaultKind.ResetBeforeRequest:
                context.Abort();
                return;
            case FaultKind.ServiceUnavailable:
                context.Response.StatusCode = 503;
                context.Response.ContentType = "application/xml";
                await context.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>ServiceUnavailable</Code><Message>injected by the fault proxy</Message></Error>");
                return;
            case FaultKind.Stall:
                try
                {
                    await Task.Delay(options.StallFor, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up first, as it should.
                }

                context.Abort();
                return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(upstream, context.Request.Path.Value + context.Request.QueryString.Value));
        var hasBody = context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0;
        if (hasBody)
        {
            request.Content = new StreamContent(context.Request.Body);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                if (request.Content is null && name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        request.Headers.Host = context.Request.Host.Value;
        HttpResponseMessage response;
        try
        {
            response = await upstreamClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            context.Abort();
            return;
        }

        using (response)
        {
            if (fault == FaultKind.ResetMidResponse)
            {
                context.Abort();
                return;
            }

            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopByHop.Contains(name))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            try
            {
                await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                context.Abort();
            }
        }
    }
}
