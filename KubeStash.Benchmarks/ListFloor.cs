using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace KubeStash.Benchmarks;

/// <summary>
/// The floor of the Dumper benchmark, run as a child process like the Dumper (same runtime start, same GC settings):
/// the same paginated LIST requests the Dumper sends (same collections, page size and number of collections in
/// flight), each response body read and parsed into a JSON document as any client must (the continue token is inside
/// it); nothing done with the objects. Prints one line: <c>listed N objects in S s</c> (time inside the process).
/// </summary>
internal static class ListFloor
{
    public static async Task<int> RunAsync(Uri server, string[] paths, int pageSize, int parallelism)
    {
        var clock = Stopwatch.StartNew();
        using var http = new HttpClient { BaseAddress = server };
        long objects = 0;
        await Parallel.ForEachAsync(paths, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (path, ct) =>
        {
            string? next = null;
            do
            {
                var query = $"{path}?limit={pageSize}" + (next is null ? string.Empty : "&continue=" + Uri.EscapeDataString(next));
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(query, UriKind.Relative));
                request.Headers.Accept.ParseAdd("application/json");
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync(ct);
                using var page = await JsonDocument.ParseAsync(body, cancellationToken: ct);
                Interlocked.Add(ref objects, page.RootElement.GetProperty("items").GetArrayLength());
                next = page.RootElement.GetProperty("metadata").TryGetProperty("continue", out var c) && c.GetString() is { Length: > 0 } token ? token : null;
            }
            while (next is not null);
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"listed {objects} objects in {clock.Elapsed.TotalSeconds:0.000}s"));
        return 0;
    }
}
