using System.Text.Json.Serialization;
using k8s.Models;

namespace KubeStash.Entities.Common;

/// <summary>
/// The source of a volume (kmodules' <c>ofst.VolumeSource</c>, i.e. Kubernetes' <c>VolumeSource</c>): exactly one member
/// should be set. Embedded inline by KubeStash types such as a local backend or an addon volume template.
/// </summary>
public class PodVolumeSource
{
    /// <summary>An AWS Elastic Block Store disk attached to the node and exposed to the pod.</summary>
    [JsonPropertyName("awsElasticBlockStore")]
    public V1AWSElasticBlockStoreVolumeSource? AwsElasticBlockStore { get; set; }

    /// <summary>An Azure data disk mounted on the node and bind-mounted into the pod.</summary>
    [JsonPropertyName("azureDisk")]
    public V1AzureDiskVolumeSource? AzureDisk { get; set; }

    /// <summary>An Azure File Service share mounted on the node and bind-mounted into the pod.</summary>
    [JsonPropertyName("azureFile")]
    public V1AzureFileVolumeSource? AzureFile { get; set; }

    /// <summary>A Ceph filesystem mount on the node shared with the pod.</summary>
    [JsonPropertyName("cephfs")]
    public V1CephFSVolumeSource? Cephfs { get; set; }

    /// <summary>An OpenStack Cinder volume attached and mounted on the node.</summary>
    [JsonPropertyName("cinder")]
    public V1CinderVolumeSource? Cinder { get; set; }

    /// <summary>A ConfigMap whose keys populate the volume.</summary>
    [JsonPropertyName("configMap")]
    public V1ConfigMapVolumeSource? ConfigMap { get; set; }

    /// <summary>Ephemeral storage handled by a CSI driver.</summary>
    [JsonPropertyName("csi")]
    public V1CSIVolumeSource? Csi { get; set; }

    /// <summary>Information about the pod exposed as files.</summary>
    [JsonPropertyName("downwardAPI")]
    public V1DownwardAPIVolumeSource? DownwardAPI { get; set; }

    /// <summary>A temporary directory that shares the pod's lifetime.</summary>
    [JsonPropertyName("emptyDir")]
    public V1EmptyDirVolumeSource? EmptyDir { get; set; }

    /// <summary>A volume provisioned by a storage driver for the pod's lifetime.</summary>
    [JsonPropertyName("ephemeral")]
    public V1EphemeralVolumeSource? Ephemeral { get; set; }

    /// <summary>A Fibre Channel resource attached to the node and exposed to the pod.</summary>
    [JsonPropertyName("fc")]
    public V1FCVolumeSource? Fc { get; set; }

    /// <summary>A generic volume provisioned and attached by an exec-based plugin.</summary>
    [JsonPropertyName("flexVolume")]
    public V1FlexVolumeSource? FlexVolume { get; set; }

    /// <summary>A Flocker volume attached to the node.</summary>
    [JsonPropertyName("flocker")]
    public V1FlockerVolumeSource? Flocker { get; set; }

    /// <summary>A GCE persistent disk attached to the node and exposed to the pod.</summary>
    [JsonPropertyName("gcePersistentDisk")]
    public V1GCEPersistentDiskVolumeSource? GcePersistentDisk { get; set; }

    /// <summary>A git repository at a particular revision (deprecated by Kubernetes).</summary>
    [JsonPropertyName("gitRepo")]
    public V1GitRepoVolumeSource? GitRepo { get; set; }

    /// <summary>A Glusterfs mount on the node shared with the pod.</summary>
    [JsonPropertyName("glusterfs")]
    public V1GlusterfsVolumeSource? Glusterfs { get; set; }

    /// <summary>A file or directory on the node exposed to the pod.</summary>
    [JsonPropertyName("hostPath")]
    public V1HostPathVolumeSource? HostPath { get; set; }

    /// <summary>An OCI image or artifact mounted read-only.</summary>
    [JsonPropertyName("image")]
    public V1ImageVolumeSource? Image { get; set; }

    /// <summary>An iSCSI disk attached to the node and exposed to the pod.</summary>
    [JsonPropertyName("iscsi")]
    public V1ISCSIVolumeSource? Iscsi { get; set; }

    /// <summary>An NFS export mounted on the node and shared with the pod.</summary>
    [JsonPropertyName("nfs")]
    public V1NFSVolumeSource? Nfs { get; set; }

    /// <summary>A PersistentVolumeClaim in the same namespace.</summary>
    [JsonPropertyName("persistentVolumeClaim")]
    public V1PersistentVolumeClaimVolumeSource? PersistentVolumeClaim { get; set; }

    /// <summary>A PhotonController persistent disk attached to the node.</summary>
    [JsonPropertyName("photonPersistentDisk")]
    public V1PhotonPersistentDiskVolumeSource? PhotonPersistentDisk { get; set; }

    /// <summary>A Portworx volume attached to the node.</summary>
    [JsonPropertyName("portworxVolume")]
    public V1PortworxVolumeSource? PortworxVolume { get; set; }

    /// <summary>Secrets, ConfigMaps, downward API and tokens projected into one directory.</summary>
    [JsonPropertyName("projected")]
    public V1ProjectedVolumeSource? Projected { get; set; }

    /// <summary>A Quobyte mount on the node shared with the pod.</summary>
    [JsonPropertyName("quobyte")]
    public V1QuobyteVolumeSource? Quobyte { get; set; }

    /// <summary>A Rados Block Device mount on the node shared with the pod.</summary>
    [JsonPropertyName("rbd")]
    public V1RBDVolumeSource? Rbd { get; set; }

    /// <summary>A ScaleIO persistent volume attached to the node.</summary>
    [JsonPropertyName("scaleIO")]
    public V1ScaleIOVolumeSource? ScaleIO { get; set; }

    /// <summary>A Secret whose keys populate the volume.</summary>
    [JsonPropertyName("secret")]
    public V1SecretVolumeSource? Secret { get; set; }

    /// <summary>A StorageOS volume attached to the node.</summary>
    [JsonPropertyName("storageos")]
    public V1StorageOSVolumeSource? Storageos { get; set; }

    /// <summary>A vSphere volume attached to the node.</summary>
    [JsonPropertyName("vsphereVolume")]
    public V1VsphereVirtualDiskVolumeSource? VsphereVolume { get; set; }
}
