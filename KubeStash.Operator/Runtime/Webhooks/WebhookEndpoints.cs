using System.Text.Json;

namespace KubeStash.Operator.Runtime.Webhooks;

/// <summary>Serves registered webhooks: AdmissionReview v1 in, AdmissionReview v1 with the response out.</summary>
public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapAdmissionWebhooks(this IEndpointRouteBuilder endpoints, IEnumerable<WebhookRegistration> webhooks)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(webhooks);
        foreach (var webhook in webhooks)
        {
            endpoints.MapPost(webhook.Path, (HttpContext context) => HandleAsync(webhook, context));
        }

        return endpoints;
    }

    private static async Task HandleAsync(WebhookRegistration webhook, HttpContext context)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebhookEndpoints));
        AdmissionReview? review;
        try
        {
            review = await JsonSerializer.DeserializeAsync<AdmissionReview>(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException e)
        {
            await WritePlainErrorAsync(context, $"The body is not an AdmissionReview: {e.Message}");
            return;
        }

        if (review?.Request is not { } request)
        {
            await WritePlainErrorAsync(context, "The AdmissionReview has no request.");
            return;
        }

        AdmissionResponse response;
        var expected = webhook.Entity;
        if (request.Kind is { } kind && (kind.Group != expected.Group || kind.Kind != expected.Kind))
        {
            response = Deny(request, 400, $"webhook {webhook.Name} handles {expected.Kind}.{expected.Group}, not {kind.Kind}.{kind.Group}");
        }
        else
        {
            try
            {
                response = await webhook.Handle(context.RequestServices, request, context.RequestAborted);
            }
            catch (InvalidAdmissionRequestException e)
            {
                response = Deny(request, 400, e.Message);
            }
            catch (JsonException e)
            {
                response = Deny(request, 400, $"the {expected.Kind} in the request could not be read: {e.Message}");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Webhook {Webhook} failed on {Operation} of {Namespace}/{Name}", webhook.Name, request.Operation, request.Namespace, request.Name);
                response = Deny(request, 500, $"webhook {webhook.Name} failed: {e.Message}");
            }
        }

        var answer = new AdmissionReview { ApiVersion = review.ApiVersion, Kind = "AdmissionReview", Response = response };
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, answer, cancellationToken: context.RequestAborted);
    }

    private static AdmissionResponse Deny(AdmissionRequest request, int code, string message)
        => new() { Uid = request.Uid, Allowed = false, Status = new AdmissionStatus { Code = code, Message = message } };

    private static async Task WritePlainErrorAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(message, context.RequestAborted);
    }
}
