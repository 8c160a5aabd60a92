using System.Text;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>A TextWriter that appends what a container prints to the pod log store.</summary>
internal sealed class PodLogWriter(IPodLogStore store, string @namespace, string pod, string container) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => store.Append(@namespace, pod, container, value.ToString());

    public override void Write(string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            store.Append(@namespace, pod, container, value);
        }
    }

    public override void Write(char[] buffer, int index, int count) => store.Append(@namespace, pod, container, new string(buffer, index, count));

    public override void WriteLine(string? value) => Write(value + NewLine);
}
