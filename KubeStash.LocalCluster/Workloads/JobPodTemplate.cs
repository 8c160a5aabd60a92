using k8s;
using k8s.Models;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>The Pod kube's Job controller creates from a Job's template: its labels, owner and generated name.</summary>
public static class JobPodTemplate
{
    public const string ControllerUidLabel = "batch.kubernetes.io/controller-uid";
    public const string LegacyControllerUidLabel = "controller-uid";
    public const string JobNameLabel = "batch.kubernetes.io/job-name";
    public const string LegacyJobNameLabel = "job-name";

    public static V1Pod Build(V1Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var template = job.Spec?.Template ?? throw new ArgumentException($"Job {job.Namespace()}/{job.Name()} has no spec.template", nameof(job));
        var spec = KubernetesJson.Deserialize<V1PodSpec>(KubernetesJson.Serialize(template.Spec));
        var labels = new Dictionary<string, string>(template.Metadata?.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [ControllerUidLabel] = job.Uid(),
            [LegacyControllerUidLabel] = job.Uid(),
            [JobNameLabel] = job.Name(),
            [LegacyJobNameLabel] = job.Name(),
        };
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                GenerateName = job.Name() + "-",
                NamespaceProperty = job.Namespace(),
                Labels = labels,
                Annotations = template.Metadata?.Annotations is { } annotations ? new Dictionary<string, string>(annotations) : null,
                OwnerReferences =
                [
                    new V1OwnerReference
                    {
                        ApiVersion = "batch/v1",
                        Kind = "Job",
                        Name = job.Name(),
                        Uid = job.Uid(),
                        Controller = true,
                        BlockOwnerDeletion = true,
                    },
                ],
            },
            Spec = spec,
        };
    }

    public static bool IsOwnedBy(V1Pod pod, V1Job job)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(job);
        return pod.Metadata?.OwnerReferences?.Any(o => o.Controller == true && o.Uid == job.Uid()) == true;
    }
}
