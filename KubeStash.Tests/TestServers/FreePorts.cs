using System.Net;
using System.Net.Sockets;

namespace KubeStash.Tests.TestServers;

/// <summary>Picks free TCP ports on the loopback interface.</summary>
public static class FreePorts
{
    public static int[] Take(int count)
    {
        // Hold all listeners until every port is chosen so the same port is not handed out twice.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
            return listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(listener => listener.Stop());
        }
    }
}
