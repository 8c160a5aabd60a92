using k8s;
using k8s.Models;
using KubeStash.Operator.Runtime.Controllers;
using KubeStash.Operator.Runtime.Entities;
using KubeStash.Operator.Runtime.Generation;
using KubeStash.Operator.Runtime.Reconciliation;
using KubeStash.Operator.Runtime.Watching;
using KubeStash.Operator.Runtime.Webhooks;

namespace KubeStash.Operator.Runtime.Hosting;

/// <summary>Registers controllers, finalizers and webhooks of an operator (returned by <c>AddKubernetesOperator</c>).</summary>
public sealed class OperatorBuilder
{
    private readonly HashSet<Type> watchedEntities = [];
    private readonly HashSet<Type> controlledEntities = [];
    private readonly HashSet<(Type Owned, Type Owner)> ownerships = [];
    private readonly List<WebhookRegistration> webhooks = [];
    private readonly Dictionary<Type, HashSet<string>> finalizerIdentifiers = [];

    internal OperatorBuilder(IServiceCollection services, OperatorOptions options)
    {
        Services = services;
        Options = options;
    }

    public IServiceCollection Services { get; }

    public OperatorOptions Options { get; }

    /// <summary>Every webhook registered so far (served by the host and written to the webhook manifests).</summary>
    public IReadOnlyList<WebhookRegistration> Webhooks => webhooks;

    public OperatorBuilder AddController<TController, TEntity>(Action<ControllerSettings<TEntity>>? configure = null)
        where TController : class, IEntityController<TEntity>
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        if (!controlledEntities.Add(typeof(TEntity)))
        {
            throw new InvalidOperationException($"A controller for {EntityType.Of<TEntity>()} is already registered; one controller per entity type.");
        }

        var settings = new ControllerSettings<TEntity>();
        configure?.Invoke(settings);
        Services.AddScoped<TController>();
        Services.AddSingleton(new ControllerRegistration<TEntity>(typeof(TController), settings.GenerationChangedOnly));
        Services.AddSingleton<EntityReconciler<TEntity>>();
        Services.AddSingleton<IOperatorComponent>(sp => sp.GetRequiredService<EntityReconciler<TEntity>>());
        Services.AddSingleton<IEntityEventHandler<TEntity>>(sp => sp.GetRequiredService<EntityReconciler<TEntity>>());
        AddWatch<TEntity>(settings.LabelSelector);
        foreach (var register in settings.OwnedRegistrations)
        {
            register(this);
        }

        return this;
    }

    /// <summary>
    /// Registers a finalizer of <typeparamref name="TEntity"/>; <paramref name="identifier"/> is the string kept in
    /// <c>metadata.finalizers</c> (derived from the entity group and class name when omitted).
    /// </summary>
    public OperatorBuilder AddFinalizer<TFinalizer, TEntity>(string? identifier = null)
        where TFinalizer : class, IEntityFinalizer<TEntity>
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        var id = identifier is null
            ? FinalizerIdentifier.Derive(typeof(TFinalizer), EntityType.Of<TEntity>())
            : FinalizerIdentifier.Validate(identifier);
        if (!finalizerIdentifiers.TryGetValue(typeof(TEntity), out var ids))
        {
            finalizerIdentifiers[typeof(TEntity)] = ids = [];
        }

        if (!ids.Add(id))
        {
            throw new InvalidOperationException($"Finalizer '{id}' is registered twice for {EntityType.Of<TEntity>()}.");
        }

        Services.AddScoped<TFinalizer>();
        Services.AddSingleton(new FinalizerRegistration<TEntity>(id, typeof(TFinalizer)));
        return this;
    }

    public OperatorBuilder AddValidationWebhook<TWebhook, TEntity>()
        where TWebhook : ValidationWebhook<TEntity>
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        var registration = WebhookRegistration.ForValidation<TWebhook, TEntity>();
        if (webhooks.Any(w => w.Path == registration.Path))
        {
            throw new InvalidOperationException($"A webhook is already registered at {registration.Path}.");
        }

        Services.AddScoped<TWebhook>();
        webhooks.Add(registration);
        return this;
    }

    public OperatorBuilder AddMutationWebhook<TWebhook, TEntity>()
        where TWebhook : MutationWebhook<TEntity>
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        var registration = WebhookRegistration.ForMutation<TWebhook, TEntity>();
        if (webhooks.Any(w => w.Path == registration.Path))
        {
            throw new InvalidOperationException($"A webhook is already registered at {registration.Path}.");
        }

        Services.AddScoped<TWebhook>();
        webhooks.Add(registration);
        return this;
    }

    /// <summary>
    /// Watches <typeparamref name="TEntity"/> without a controller, so that <see cref="CachedEntityReader"/> reads
    /// it from memory: for objects controllers look up on every reconcile (an Addon, a RetentionPolicy) that change
    /// rarely. A read can lag a change by one watch event; controllers that find a reference missing look again later.
    /// </summary>
    public OperatorBuilder Watches<TEntity>()
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        AddWatch<TEntity>(null);
        return this;
    }

    internal void AddOwned<TOwned, TOwner>()
        where TOwned : class, IKubernetesObject<V1ObjectMeta>
        where TOwner : class, IKubernetesObject<V1ObjectMeta>
    {
        if (!ownerships.Add((typeof(TOwned), typeof(TOwner))))
        {
            return;
        }

        Services.AddSingleton<OwnedEntityHandler<TOwned, TOwner>>();
        Services.AddSingleton<IEntityEventHandler<TOwned>>(sp => sp.GetRequiredService<OwnedEntityHandler<TOwned, TOwner>>());
        AddWatch<TOwned>(null);
    }

    private void AddWatch<TEntity>(string? labelSelector)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        if (!watchedEntities.Add(typeof(TEntity)))
        {
            if (labelSelector is not null)
            {
                throw new InvalidOperationException(
                    $"{EntityType.Of<TEntity>()} is already watched; a label selector must be given on its first registration.");
            }

            return;
        }

        Services.AddSingleton(new EntityWatchScope<TEntity>(labelSelector, SchemaMarkers.IsClusterScoped(typeof(TEntity))));
        Services.AddSingleton<EntityCache<TEntity>>();
        Services.AddSingleton<IEntityCache<TEntity>>(sp => sp.GetRequiredService<EntityCache<TEntity>>());
        Services.AddSingleton<EntityWatcher<TEntity>>();
        Services.AddSingleton<IOperatorComponent>(sp => sp.GetRequiredService<EntityWatcher<TEntity>>());
    }
}
