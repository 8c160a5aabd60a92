using k8s.Models;

namespace KubeStash.Operator.Builders;

/// <summary>
/// The container security context every pod the operator creates starts with: what Pod Security Admission's
/// <c>restricted</c> level requires (no privilege escalation, all capabilities dropped, a non-root user, the runtime's
/// default seccomp profile), plus a read-only root filesystem, since the Dumper and the trigger write only to mounted
/// volumes and the API. Without it a backup Job in a namespace enforcing <c>restricted</c> gets no pod and the session
/// fails only at its timeout. A security context from the Function, the session's containerRuntimeSettings or a
/// jobTemplate replaces it whole, as KubeStash applies them.
/// </summary>
public static class RestrictedSecurityContext
{
    public static V1SecurityContext Container() => new()
    {
        AllowPrivilegeEscalation = false,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
        ReadOnlyRootFilesystem = true,
        RunAsNonRoot = true,
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };
}
