using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Api;

/// <summary>What the write path tells the background controllers (garbage collector, namespace and CRD cleanup).</summary>
internal interface IClusterControllers
{
    void ObjectWritten(ApiResource resource, JsonObject obj, bool deleted);
}
