namespace KubeStash.LocalCluster;

/// <summary>Writes a kubeconfig pointing kubectl and client libraries at a local cluster.</summary>
internal static class KubeconfigWriter
{
    public static void Write(string path, Uri server, string? token, string? certificateAuthorityPem)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var authority = certificateAuthorityPem is null
            ? ""
            : $"\n    certificate-authority-data: {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(certificateAuthorityPem))}";
        var user = string.IsNullOrEmpty(token) ? "{}" : $"\n    token: {token}";
        var text = $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: localcluster
              cluster:
                server: {{server.ToString().TrimEnd('/')}}{{authority}}
            contexts:
            - name: localcluster
              context:
                cluster: localcluster
                user: localcluster
                namespace: default
            current-context: localcluster
            preferences: {}
            users:
            - name: localcluster
              user: {{user}}

            """;
        File.WriteAllText(path, text);
    }
}
