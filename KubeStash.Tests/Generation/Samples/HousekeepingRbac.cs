using k8s.Models;
using KubeStash.Operator.Runtime.Rbac;

namespace KubeStash.Tests.Generation.Samples;

/// <summary>Test-only RBAC declarations that overlap with <see cref="WidgetReconcilerRbac"/> and must merge with them.</summary>
[EntityRbac(typeof(Widget), Verbs = RbacVerbs.Delete)]
[EntityRbac(typeof(V1Secret), typeof(V1ConfigMap), Verbs = RbacVerbs.Get)]
[GenericRbac(Groups = ["batch"], Resources = ["jobs", "cronjobs"], Verbs = RbacVerbs.All)]
[GenericRbac(Groups = ["coordination.k8s.io"], Resources = ["leases"], Verbs = RbacVerbs.Get | RbacVerbs.Create | RbacVerbs.Update)]
[GenericRbac(Groups = [""], Resources = ["events"], Verbs = RbacVerbs.Get)]
[GenericRbac(Urls = ["/metrics"], Verbs = RbacVerbs.Get)]
public sealed class HousekeepingRbac;
