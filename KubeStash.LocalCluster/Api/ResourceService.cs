using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KubeStash.LocalCluster.Admission;
using KubeStash.LocalCluster.Http;
using KubeStash.LocalCluster.Semantics;
using KubeStash.LocalCluster.Storage;

namespace KubeStash.LocalCluster.Api;

/// <summary>
/// The write and read rules of kube-apiserver's generic registry, shared by the HTTP endpoints, the loaders
/// and the background controllers: identity, metadata bookkeeping, status isolation, schema admission,
/// admission webhooks, optimistic concurrency and finalizer-aware deletion.
/// </summary>
internal sealed partial class ResourceService(ObjectStore store, ResourceCatalog catalog, AdmissionWebhooks webhooks, TimeProvider clock)
{
    private const string NameChars = "bcdfghjklmnpqrstvwxz2456789";
    private IClusterControllers? _controllers;

    public ObjectStore Store => store;
    public ResourceCatalog Catalog => catalog;

    public void Attach(IClusterControllers controllers) => _controllers = controllers;

    public JsonObject Get(ApiResource resource, string? ns, string name)
    {
        var stored = store.Get(resource.StorageKey, ObjectStore.KeyOf(ns, name)) ?? throw ApiErrors.NotFound(resource, name);
        return Present(resource, ObjectJson.Parse(stored.Json));
    }

    public JsonObject? TryGet(ApiResource resource, string? ns, string name)
    {
        var stored = store.Get(resource.StorageKey, ObjectStore.KeyOf(ns, name));
        return stored is null ? null : Present(resource, ObjectJson.Parse(stored.Value.Json));
    }

    /// <summary>Sets apiVersion to the version the object is read through (custom resources share one table for all versions).</summary>
    public static JsonObject Present(ApiResource resource, JsonObject obj)
    {
        if (resource.IsCustom)
        {
            obj["apiVersion"] = resource.GroupVersion;
        }
        return obj;
    }

    public async Task<JsonObject> CreateAsync(ApiResource resource, string? ns, JsonObject obj, WriteContext context, CancellationToken cancellationToken)
    {
        CheckIdentity(resource, obj);
        var metadata = ObjectJson.Metadata(obj);
        ns = ReconcileNamespace(resource, ns, obj);
        var name = ObjectJson.String(metadata["name"]);
        if (string.IsNullOrEmpty(name) && ObjectJson.String(metadata["generateName"]) is { Length: > 0 } generateName)
        {
            name = generateName + RandomSuffix();
            metadata["name"] = name;
        }
        if (!string.IsNullOrEmpty(ObjectJson.String(metadata["resourceVersion"])))
        {
            throw ApiErrors.BadRequest("resourceVersion should not be set on objects to be created");
        }
        ValidateName(resource, name ?? "");
        if (resource.Namespaced)
        {
            RequireLiveNamespace(resource, ns!, name!);
        }

        var now = clock.GetUtcNow();
        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = ObjectJson.Timestamp(now);
        metadata.Remove("deletionTimestamp");
        metadata.Remove("deletionGracePeriodSeconds");
        metadata.Remove("managedFields");
        if (resource.TracksGeneration || resource.IsCustom)
        {
            metadata["generation"] = 1;
        }
        else
        {
            metadata.Remove("generation");
        }
        if (resource.HasStatus)
        {
            obj.Remove("status");
        }
        PrepareBuiltInCreate(resource, obj, now);

        NormalizeBuiltIn(resource, obj);
        RequireValidMetadata(resource, obj, name!);
        AdmitSchema(resource, obj, name!, context);
        ValidateDefinition(resource, obj, name!);
        obj = await webhooks.AdmitAsync(resource, "CREATE", "", ns, name!, obj, null, context, mutate: true, cancellationToken);
        CheckIdentity(resource, obj);
        AdmitSchema(resource, obj, name!, WriteContextAfterMutation(context));
        await webhooks.AdmitAsync(resource, "CREATE", "", ns, name!, obj, null, context, mutate: false, cancellationToken);
        if (context.DryRun)
        {
            return obj;
        }

        var (outcome, stored) = store.Create(resource.StorageKey, ObjectStore.KeyOf(ns, name!), obj);
        if (outcome == WriteOutcome.AlreadyExists)
        {
            throw ApiErrors.AlreadyExists(resource, name!);
        }
        // The store stamped the resourceVersion into obj, so obj is what was stored.
        _ = stored;
        var created = Present(resource, obj);
        _controllers?.ObjectWritten(resource, created, deleted: false);
        return created;
    }

    /// <summary>A full replacement (PUT) of the object or, with <paramref name="statusOnly"/>, of its status.</summary>
    public Task<JsonObject> UpdateAsync(ApiResource resource, string? ns, string name, JsonObject body, bool statusOnly, WriteContext context, CancellationToken cancellationToken)
    {
        CheckIdentity(resource, body);
        var bodyName = ObjectJson.Name(body);
        if (bodyName != name)
        {
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }
        ReconcileNamespace(resource, ns, body);
        if (resource.IsCustom && string.IsNullOrEmpty(ObjectJson.ResourceVersion(body)))
        {
            // Custom resources do not allow unconditional updates (kube's customresource strategy).
            throw ApiErrors.Invalid(resource, name, [new FieldError("FieldValueInvalid", "metadata.resourceVersion", "Invalid value: 0x0: must be specified for an update")]);
        }
        return WriteExistingAsync(resource, ns, name, _ => body.DeepClone().AsObject(), statusOnly, context, cancellationToken);
    }

    /// <summary>
    /// Read-modify-write of an existing object. A resourceVersion in the proposed object is a precondition
    /// (409 when stale); without one the write retries on concurrent changes, as kube-apiserver's patch does.
    /// </summary>
    public async Task<JsonObject> WriteExistingAsync(ApiResource resource, string? ns, string name, Func<JsonObject, JsonObject> mutate,
        bool statusOnly, WriteContext context, CancellationToken cancellationToken)
    {
        var key = ObjectStore.KeyOf(ns, name);
        for (var attempt = 0; ; attempt++)
        {
            var stored = store.Get(resource.StorageKey, key) ?? throw ApiErrors.NotFound(resource, name);
            var old = Present(resource, ObjectJson.Parse(stored.Json));
            var proposed = mutate(old.DeepClone().AsObject());
            CheckIdentity(resource, proposed);
            var requested = ObjectJson.ParseResourceVersion(ObjectJson.ResourceVersion(proposed), "resourceVersion");
            if (requested is not null && requested != stored.ResourceVersion)
            {
                throw ApiErrors.Conflict(resource, name);
            }
            var updated = PrepareUpdate(resource, old, proposed, statusOnly, context, name);
            if (JsonNode.DeepEquals(updated, old))
            {
                return old;
            }
            var operation = "UPDATE";
            var subresource = statusOnly ? "status" : "";
            updated = await webhooks.AdmitAsync(resource, operation, subresource, ns, name, updated, old, context, mutate: true, cancellationToken);
            AdmitSchema(resource, updated, name, WriteContextAfterMutation(context));
            await webhooks.AdmitAsync(resource, operation, subresource, ns, name, updated, old, context, mutate: false, cancellationToken);
            if (context.DryRun)
            {
                return updated;
            }

            var finishing = ObjectJson.IsDeleting(updated) && ObjectJson.Finalizers(updated).Count == 0 && !HasSpecFinalizers(resource, updated);
            var (outcome, written) = finishing
                ? store.Delete(resource.StorageKey, key, stored.ResourceVersion, updated)
                : store.Update(resource.StorageKey, key, stored.ResourceVersion, updated);
            switch (outcome)
            {
                case WriteOutcome.NotFound:
                    throw ApiErrors.NotFound(resource, name);
                case WriteOutcome.Conflict when requested is not null || attempt > 50:
                    throw ApiErrors.Conflict(resource, name);
                case WriteOutcome.Conflict:
                    continue;
            }
            var result = Present(resource, ObjectJson.Parse(written.Json));
            _controllers?.ObjectWritten(resource, result, deleted: finishing);
            return result;
        }
    }

    public async Task<(JsonObject Result, bool Deleted)> DeleteAsync(ApiResource resource, string? ns, string name, DeleteRequest options,
        WriteContext context, CancellationToken cancellationToken)
    {
        var key = ObjectStore.KeyOf(ns, name);
        for (var attempt = 0; ; attempt++)
        {
            var stored = store.Get(resource.StorageKey, key) ?? throw ApiErrors.NotFound(resource, name);
            var old = Present(resource, ObjectJson.Parse(stored.Json));
            if (options.PreconditionUid is { } uid && uid != ObjectJson.Uid(old))
            {
                throw ApiErrors.ConflictWithMessage(resource, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {ObjectJson.Uid(old)}");
            }
            if (options.PreconditionResourceVersion is { } rv && rv != ObjectJson.ResourceVersion(old))
            {
                throw ApiErrors.ConflictWithMessage(resource, name,
                    $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {ObjectJson.ResourceVersion(old)}");
            }
            await webhooks.AdmitAsync(resource, "DELETE", "", ns, name, null, old, context, mutate: false, cancellationToken);

            var pending = old.DeepClone().AsObject();
            var finalizers = ObjectJson.Finalizers(pending);
            var policy = options.PropagationPolicy ?? "Background";
            var wanted = policy switch
            {
                "Orphan" => "orphan",
                "Foreground" => "foregroundDeletion",
                "Background" => null,
                _ => throw ApiErrors.BadRequest($"DeleteOptions.propagationPolicy: Unsupported value: \"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\""),
            };
            var alreadyDeleting = ObjectJson.IsDeleting(pending);
            if (wanted is not null && !finalizers.Contains(wanted) && (!alreadyDeleting || finalizers.Count > 0))
            {
                finalizers.Remove(wanted == "orphan" ? "foregroundDeletion" : "orphan");
                finalizers.Add(wanted);
            }
            var grace = GracePeriod(resource, pending, options);
            var blocked = finalizers.Count > 0 || HasSpecFinalizers(resource, pending);
            if (blocked || grace > 0 || alreadyDeleting)
            {
                var metadata = ObjectJson.Metadata(pending);
                var removeNow = false;
                if (alreadyDeleting)
                {
                    var shortened = grace == 0 && metadata["deletionGracePeriodSeconds"] is JsonValue previous && previous.GetValue<long>() > 0;
                    if (shortened)
                    {
                        metadata["deletionGracePeriodSeconds"] = 0;
                        removeNow = !blocked;
                    }
                    else if (finalizers.SequenceEqual(ObjectJson.Finalizers(old)))
                    {
                        return (old, false);
                    }
                }
                else
                {
                    metadata["deletionTimestamp"] = ObjectJson.Timestamp(clock.GetUtcNow().AddSeconds(grace));
                    metadata["deletionGracePeriodSeconds"] = grace;
                    if (metadata["generation"] is JsonValue generation)
                    {
                        metadata["generation"] = generation.GetValue<long>() + 1;
                    }
                    if (resource is { Group: "", Plural: "namespaces" })
                    {
                        pending["status"] = new JsonObject { ["phase"] = "Terminating" };
                    }
                }
                ObjectJson.SetFinalizers(pending, finalizers);
                if (context.DryRun)
                {
                    return (pending, false);
                }
                var (outcome, written) = removeNow
                    ? store.Delete(resource.StorageKey, key, stored.ResourceVersion, pending)
                    : store.Update(resource.StorageKey, key, stored.ResourceVersion, pending);
                if (outcome == WriteOutcome.Conflict && attempt < 50)
                {
                    continue;
                }
                if (outcome != WriteOutcome.Written)
                {
                    throw outcome == WriteOutcome.NotFound ? ApiErrors.NotFound(resource, name) : ApiErrors.Conflict(resource, name);
                }
                var result = Present(resource, ObjectJson.Parse(written.Json));
                _controllers?.ObjectWritten(resource, result, deleted: removeNow);
                return (result, removeNow);
            }
            if (context.DryRun)
            {
                return (old, true);
            }
            var (deleteOutcome, deleted) = store.Delete(resource.StorageKey, key, stored.ResourceVersion, pending);
            if (deleteOutcome == WriteOutcome.Conflict && attempt < 50)
            {
                continue;
            }
            if (deleteOutcome != WriteOutcome.Written)
            {
                throw ApiErrors.NotFound(resource, name);
            }
            var final = Present(resource, ObjectJson.Parse(deleted.Json));
            _controllers?.ObjectWritten(resource, final, deleted: true);
            return (final, true);
        }
    }

    /// <summary>Pods bound to a node terminate gracefully (the kubelet confirms with a zero grace period); everything else goes at once.</summary>
    private static long GracePeriod(ApiResource resource, JsonObject obj, DeleteRequest options)
    {
        if (resource is not { Group: "", Plural: "pods" })
        {
            return 0;
        }
        var phase = ObjectJson.String(obj["status"]?["phase"]);
        if (ObjectJson.String(obj["spec"]?["nodeName"]) is null || phase is "Succeeded" or "Failed")
        {
            return 0;
        }
        if (options.GracePeriodSeconds is { } requested)
        {
            return Math.Max(0, requested);
        }
        if (obj["metadata"]?["deletionGracePeriodSeconds"] is JsonValue existing)
        {
            return existing.GetValue<long>();
        }
        return obj["spec"]?["terminationGracePeriodSeconds"] is JsonValue spec ? spec.GetValue<long>() : 30;
    }

    /// <summary>What the namespace controller does once a terminating namespace is empty: drop spec.finalizers, which removes it.</summary>
    public Task FinalizeNamespaceAsync(string name, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var resource = catalog.FindStorage("namespaces")!;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (store.Get("namespaces", name) is not { } stored)
            {
                return Task.CompletedTask;
            }
            var ns = ObjectJson.Parse(stored.Json);
            if (ns["spec"] is JsonObject spec)
            {
                spec.Remove("finalizers");
            }
            var gone = ObjectJson.Finalizers(ns).Count == 0;
            var (outcome, written) = gone
                ? store.Delete("namespaces", name, stored.ResourceVersion, ns)
                : store.Update("namespaces", name, stored.ResourceVersion, ns);
            if (outcome == WriteOutcome.Written)
            {
                _controllers?.ObjectWritten(resource, ObjectJson.Parse(written.Json), gone);
                return Task.CompletedTask;
            }
        }
        throw ApiErrors.Conflict(resource, name);
    }

    private static bool HasSpecFinalizers(ApiResource resource, JsonObject obj) =>
        resource is { Group: "", Plural: "namespaces" } && obj["spec"]?["finalizers"] is JsonArray { Count: > 0 };

    private static JsonObject PrepareUpdate(ApiResource resource, JsonObject old, JsonObject proposed, bool statusOnly, WriteContext context, string name)
    {
        JsonObject updated;
        if (statusOnly)
        {
            updated = old.DeepClone().AsObject();
            if (proposed["status"] is { } status)
            {
                updated["status"] = status.DeepClone();
            }
            else
            {
                updated.Remove("status");
            }
            return updated;
        }

        updated = proposed;
        var metadata = ObjectJson.Metadata(updated);
        var oldMetadata = ObjectJson.Metadata(old);
        foreach (var field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "namespace", "name", "resourceVersion" })
        {
            if (oldMetadata[field] is { } value)
            {
                metadata[field] = value.DeepClone();
            }
            else
            {
                metadata.Remove(field);
            }
        }
        metadata.Remove("managedFields");
        if (ObjectJson.String(oldMetadata["generateName"]) is { } generateName && metadata["generateName"] is null)
        {
            metadata["generateName"] = generateName;
        }
        if (resource.HasStatus)
        {
            if (old["status"] is { } oldStatus)
            {
                updated["status"] = oldStatus.DeepClone();
            }
            else
            {
                updated.Remove("status");
            }
        }
        if (resource is { Group: "", Plural: "namespaces" })
        {
            var spec = old["spec"]?.DeepClone();
            if (spec is null)
            {
                updated.Remove("spec");
            }
            else
            {
                updated["spec"] = spec;
            }
        }
        if (ObjectJson.IsDeleting(old))
        {
            var added = ObjectJson.Finalizers(updated).Except(ObjectJson.Finalizers(old)).ToList();
            if (added.Count > 0)
            {
                throw ApiErrors.Invalid(resource, name, [new FieldError("FieldValueForbidden", "metadata.finalizers",
                    $"Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{{\"{string.Join("\", \"", added)}\"}}")]);
            }
        }
        NormalizeBuiltIn(resource, updated);
        RequireValidMetadata(resource, updated, name);
        RequireImmutableDataKept(resource, old, updated, name);
        if (ImmutableFields.Errors(resource, old, updated) is { Count: > 0 } immutable)
        {
            throw ApiErrors.Invalid(resource, name, immutable);
        }
        AdmitSchema(resource, updated, name, context);
        ValidateDefinition(resource, updated, name);
        if (resource.TracksGeneration || resource.IsCustom)
        {
            if (SpecChanged(resource, old, updated))
            {
                var generation = oldMetadata["generation"] is JsonValue value ? value.GetValue<long>() : 0;
                metadata["generation"] = generation + 1;
            }
        }
        return updated;
    }

    /// <summary>kube's rule: built-ins bump generation on spec changes; custom resources on any change outside metadata (and status, when it is a subresource).</summary>
    private static bool SpecChanged(ApiResource resource, JsonObject old, JsonObject updated)
    {
        if (!resource.IsCustom)
        {
            return !JsonNode.DeepEquals(old["spec"], updated["spec"]);
        }
        var ignored = resource.HasStatus ? new[] { "metadata", "status", "apiVersion", "kind" } : ["metadata", "apiVersion", "kind"];
        var keys = old.Select(p => p.Key).Union(updated.Select(p => p.Key)).Where(k => !ignored.Contains(k));
        return keys.Any(k => !JsonNode.DeepEquals(old[k], updated[k]));
    }

    private static WriteContext WriteContextAfterMutation(WriteContext context) =>
        new() { DryRun = context.DryRun, FieldValidation = "Ignore" };

    /// <summary>Defaulting, pruning and validation against the CRD version's structural schema.</summary>
    private static void AdmitSchema(ApiResource resource, JsonObject obj, string name, WriteContext context)
    {
        if (resource.Schema is null)
        {
            return;
        }
        var result = resource.Schema.Admit(obj);
        if (result.PrunedFields.Count > 0)
        {
            switch (context.FieldValidation)
            {
                case "Strict":
                    var unknown = string.Join(", ", result.PrunedFields.Select(f => $"unknown field \"{f}\""));
                    throw ApiErrors.BadRequest($"{resource.Kind} in version \"{resource.Version}\" cannot be handled as a {resource.Kind}: strict decoding error: {unknown}");
                case "Warn":
                    context.Warnings.AddRange(result.PrunedFields.Select(f => $"unknown field \"{f}\""));
                    break;
            }
        }
        if (!result.IsValid)
        {
            throw ApiErrors.Invalid(resource, name, result.Errors);
        }
    }

    /// <summary>Conversions kube applies to every write of some built-ins: Secret stringData folds into data; type defaults to Opaque.</summary>
    private static void NormalizeBuiltIn(ApiResource resource, JsonObject obj)
    {
        BuiltInDefaults.Apply(resource, obj);
        if (resource is not { Group: "", Plural: "secrets" })
        {
            return;
        }
        obj["type"] ??= "Opaque";
        if (obj["stringData"] is JsonObject stringData)
        {
            var data = obj["data"] as JsonObject ?? [];
            foreach (var (key, value) in stringData)
            {
                data[key] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(ObjectJson.String(value) ?? ""));
            }
            obj["data"] = data;
            obj.Remove("stringData");
        }
    }

    /// <summary>ConfigMaps and Secrets marked immutable keep their data and the mark (kube's update validation).</summary>
    private static void RequireImmutableDataKept(ApiResource resource, JsonObject old, JsonObject updated, string name)
    {
        if (resource is not { Group: "", Plural: "configmaps" or "secrets" } || old["immutable"] is not JsonValue mark || !mark.GetValue<bool>())
        {
            return;
        }
        var errors = new List<FieldError>();
        if (updated["immutable"] is not JsonValue kept || !kept.GetValue<bool>())
        {
            errors.Add(new FieldError("FieldValueForbidden", "immutable", "Forbidden: field is immutable when `immutable` is set"));
        }
        foreach (var field in new[] { "data", "binaryData" })
        {
            if (!JsonNode.DeepEquals(old[field], updated[field]))
            {
                errors.Add(new FieldError("FieldValueForbidden", field, "Forbidden: field is immutable when `immutable` is set"));
            }
        }
        if (errors.Count > 0)
        {
            throw ApiErrors.Invalid(resource, name, errors);
        }
    }

    private static void RequireValidMetadata(ApiResource resource, JsonObject obj, string name)
    {
        var errors = MetadataValidation.Errors(obj);
        if (errors.Count > 0)
        {
            throw ApiErrors.Invalid(resource, name, errors);
        }
    }

    /// <summary>A CRD must describe servable resources before it is stored, or serving it would fail afterwards.</summary>
    private static void ValidateDefinition(ApiResource resource, JsonObject obj, string name)
    {
        if (resource is not { Group: "apiextensions.k8s.io", Plural: "customresourcedefinitions" })
        {
            return;
        }
        List<ApiResource> served;
        try
        {
            served = CustomResourceDefinitions.Resources(obj);
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            var colon = ex.Message.IndexOf(": ", StringComparison.Ordinal);
            var field = colon > 0 && !ex.Message[..colon].Contains(' ', StringComparison.Ordinal) ? ex.Message[..colon] : "spec";
            var message = colon > 0 && field != "spec" ? ex.Message[(colon + 2)..] : $"Invalid value: {ex.Message}";
            throw ApiErrors.Invalid(resource, name, [new FieldError("FieldValueInvalid", field, message)]);
        }
        if (served.Count > 0)
        {
            var expected = $"{served[0].Plural}.{served[0].Group}";
            if (expected != name)
            {
                throw ApiErrors.Invalid(resource, name, [new FieldError("FieldValueInvalid", "metadata.name",
                    $"Invalid value: \"{name}\": must be spec.names.plural+\".\"+spec.group")]);
            }
        }
    }

    private static void CheckIdentity(ApiResource resource, JsonObject obj)
    {
        var apiVersion = ObjectJson.String(obj["apiVersion"]);
        var kind = ObjectJson.String(obj["kind"]);
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != resource.GroupVersion)
        {
            throw ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({resource.GroupVersion})");
        }
        if (!string.IsNullOrEmpty(kind) && kind != resource.Kind)
        {
            throw ApiErrors.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({resource.Kind})");
        }
        obj["apiVersion"] = resource.GroupVersion;
        obj["kind"] = resource.Kind;
    }

    private static string? ReconcileNamespace(ApiResource resource, string? ns, JsonObject obj)
    {
        var metadata = ObjectJson.Metadata(obj);
        var given = ObjectJson.String(metadata["namespace"]);
        if (!resource.Namespaced)
        {
            metadata.Remove("namespace");
            return null;
        }
        if (!string.IsNullOrEmpty(given) && given != ns)
        {
            throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        metadata["namespace"] = ns;
        return ns;
    }

    private void RequireLiveNamespace(ApiResource resource, string ns, string name)
    {
        var stored = store.Get("namespaces", ns) ?? throw ApiErrors.NamespaceNotFound(ns);
        if (ObjectJson.IsDeleting(ObjectJson.Parse(stored.Json)))
        {
            throw ApiErrors.NamespaceTerminating(resource, name, ns);
        }
    }

    private static void ValidateName(ApiResource resource, string name)
    {
        if (name.Length == 0)
        {
            throw ApiErrors.Invalid(resource, name, [new FieldError("FieldValueRequired", "metadata.name", "Required value: name or generateName is required")]);
        }
        if (resource is { Group: "", Plural: "namespaces" })
        {
            if (name.Length > 63 || !DnsLabel().IsMatch(name))
            {
                throw ApiErrors.Invalid(resource, name, [new FieldError("FieldValueInvalid", "metadata.name",
                    $"Invalid value: \"{name}\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")]);
            }
            return;
        }
        if (name.Length > 253 || !DnsSubdomain().IsMatch(name))
        {
            throw ApiErrors.Invalid(resource, name, [new FieldError("FieldValueInvalid", "metadata.name",
                $"Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")]);
        }
    }

    private static void PrepareBuiltInCreate(ApiResource resource, JsonObject obj, DateTimeOffset now)
    {
        if (resource.IsCustom)
        {
            return;
        }
        switch (resource.Plural)
        {
            case "namespaces":
                obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
                obj["status"] = new JsonObject { ["phase"] = "Active" };
                var labels = ObjectJson.Metadata(obj)["labels"] as JsonObject ?? [];
                labels["kubernetes.io/metadata.name"] = ObjectJson.Name(obj);
                ObjectJson.Metadata(obj)["labels"] = labels;
                break;
            case "pods":
                obj["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = "BestEffort" };
                break;
            case "services":
                var spec = obj["spec"] as JsonObject ?? [];
                obj["spec"] = spec;
                spec["type"] ??= "ClusterIP";
                if (ObjectJson.String(spec["clusterIP"]) is null or "")
                {
                    var ip = $"10.96.{RandomNumberGenerator.GetInt32(0, 255)}.{RandomNumberGenerator.GetInt32(1, 255)}";
                    spec["clusterIP"] = ip;
                    spec["clusterIPs"] = new JsonArray(ip);
                }
                spec["sessionAffinity"] ??= "None";
                obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
                break;
            case "jobs":
                BuiltInDefaults.GenerateJobSelector(obj);
                break;
            case "customresourcedefinitions":
                var finalizers = ObjectJson.Finalizers(obj);
                if (!finalizers.Contains(CrdFinalizer))
                {
                    finalizers.Add(CrdFinalizer);
                }
                ObjectJson.SetFinalizers(obj, finalizers);
                obj["status"] = CustomResourceDefinitions.EstablishedStatus(obj, now);
                break;
        }
    }

    public const string CrdFinalizer = "customresourcecleanup.apiextensions.k8s.io";

    private static string RandomSuffix() =>
        string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = NameChars[RandomNumberGenerator.GetInt32(NameChars.Length)];
            }
        });

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();

    internal static string FormatVersion(long version) => version.ToString(CultureInfo.InvariantCulture);
}
