using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Testcontainers.RabbitMq;

namespace TalentNet.Testing;

/// <summary>
/// The broker tests run against: <c>RABBITMQ_URL</c> when set, else a container when a Docker
/// engine is reachable, else a private node process. Each test class takes its own virtual host.
/// </summary>
/// <summary>What the management API says of a queue. Its counts lag the broker by up to a few seconds.</summary>
public sealed record QueueState(int Messages, int Consumers, Dictionary<string, System.Text.Json.JsonElement>? Arguments = null);

public sealed class RabbitMqBroker
{
    private static readonly Lazy<Task<RabbitMqBroker>> Shared = new(CreateAsync);
    private readonly Uri _amqp;
    private readonly Uri _management;
    private readonly string _user;
    private readonly string _password;

    private RabbitMqBroker(Uri amqp, Uri management, string description)
    {
        _amqp = amqp;
        _management = management;
        Description = description;
        var credentials = amqp.UserInfo.Split(':', 2);
        _user = Uri.UnescapeDataString(credentials.ElementAtOrDefault(0) is { Length: > 0 } user ? user : "guest");
        _password = Uri.UnescapeDataString(credentials.ElementAtOrDefault(1) ?? "guest");
    }

    public string Description { get; }

    /// <summary>One broker for the whole test run, started on first use.</summary>
    public static Task<RabbitMqBroker> GetAsync() => Shared.Value;

    /// <summary>Wraps a node the caller owns (fault tests kill and restart their own).</summary>
    public static RabbitMqBroker For(PrivateRabbitMqNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new RabbitMqBroker(node.AmqpUri, node.ManagementUri, $"private node on {node.AmqpPort}");
    }

    /// <summary>Creates a fresh virtual host and returns the AMQP URL that points into it.</summary>
    public async Task<string> CreateVirtualHostAsync(string prefix)
    {
        var vhost = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 60)];
        using var http = new HttpClient { BaseAddress = _management, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_user}:{_password}")));
        var escaped = Uri.EscapeDataString(vhost);
        (await http.PutAsJsonAsync($"api/vhosts/{escaped}", new { })).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"api/permissions/{escaped}/{Uri.EscapeDataString(_user)}",
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        return new UriBuilder(_amqp) { Path = "/" + escaped }.Uri.ToString();
    }

    /// <summary>A user of the virtual host <paramref name="amqpUrl"/> points into, with exactly these permissions; returns its AMQP URL.</summary>
    public async Task<string> CreateUserAsync(string amqpUrl, string user, string configure, string write, string read)
    {
        var vhost = new Uri(amqpUrl).AbsolutePath.TrimStart('/');
        var password = Guid.NewGuid().ToString("N");
        using var http = new HttpClient { BaseAddress = _management, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_user}:{_password}")));
        (await http.PutAsJsonAsync($"api/users/{Uri.EscapeDataString(user)}", new { password, tags = "" })).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"api/permissions/{vhost}/{Uri.EscapeDataString(user)}", new { configure, write, read })).EnsureSuccessStatusCode();
        return new UriBuilder(amqpUrl) { UserName = user, Password = password }.Uri.ToString();
    }

    /// <summary>A queue's ready + unacknowledged messages and its consumers (management API; null if absent).</summary>
    public async Task<QueueState?> QueueAsync(string amqpUrl, string queue)
    {
        var vhost = new Uri(amqpUrl).AbsolutePath.TrimStart('/');
        using var http = new HttpClient { BaseAddress = _management, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_user}:{_password}")));
        var response = await http.GetAsync($"api/queues/{vhost}/{Uri.EscapeDataString(queue)}?msg_rates_age=0");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<QueueState>();
    }

    /// <summary>The headers of the messages waiting in a queue (left in it), through the management API.</summary>
    public async Task<List<System.Text.Json.JsonElement>> PeekHeadersAsync(string amqpUrl, string queue, int count = 10)
    {
        var vhost = new Uri(amqpUrl).AbsolutePath.TrimStart('/');
        using var http = new HttpClient { BaseAddress = _management, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_user}:{_password}")));
        var response = await http.PostAsJsonAsync($"api/queues/{vhost}/{Uri.EscapeDataString(queue)}/get",
            new { count, ackmode = "ack_requeue_true", encoding = "auto", truncate = 50_000 });
        response.EnsureSuccessStatusCode();
        var messages = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return [.. messages.EnumerateArray().Select(message => message.GetProperty("properties").GetProperty("headers").Clone())];
    }

    private static async Task<RabbitMqBroker> CreateAsync()
    {
        var url = Environment.GetEnvironmentVariable("RABBITMQ_URL");
        if (!string.IsNullOrWhiteSpace(url))
        {
            var amqp = new Uri(url);
            var management = new Uri(Environment.GetEnvironmentVariable("RABBITMQ_MANAGEMENT_URL") ?? $"http://{amqp.Host}:15672/");
            return new RabbitMqBroker(amqp, management, $"RABBITMQ_URL {amqp.Host}:{amqp.Port}");
        }

        if (DockerEngine.IsAvailable)
        {
            var container = new RabbitMqBuilder("rabbitmq:3.13-management").Build();
            await container.StartAsync();
            var amqp = new Uri(container.GetConnectionString());
            var management = new Uri($"http://{container.Hostname}:{container.GetMappedPublicPort(15672)}/");
            return new RabbitMqBroker(amqp, management, "Testcontainers rabbitmq:3.13-management");
        }

        var node = await PrivateRabbitMqNode.StartAsync("shared");
        return For(node);
    }
}
