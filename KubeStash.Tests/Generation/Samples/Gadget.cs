using k8s.Models;
using KubeStash.Entities;
using KubeStash.Entities.Schema;

namespace KubeStash.Tests.Generation.Samples;

/// <summary>A test-only cluster-scoped entity without status.</summary>
[KubernetesEntity(Group = "generation.test.example", ApiVersion = "v1", Kind = "Gadget", PluralName = "gadgets")]
[EntityScope(EntityScope.Cluster)]
public sealed class Gadget : CustomResource<GadgetSpec>;
