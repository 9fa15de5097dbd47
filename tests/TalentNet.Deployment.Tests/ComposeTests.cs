using System.Net;
using TalentNet.Testing;
using YamlDotNet.RepresentationModel;

namespace TalentNet.Deployment.Tests;

public sealed class ComposeTests
{
    private const string ComposeMissing = "docker-compose not found: ./test.sh installs Debian's docker-compose package";

    [SkippableFact]
    public async Task The_compose_file_validates_with_the_documented_env_example()
    {
        Skip.IfNot(Tool.Exists("docker-compose"), ComposeMissing);
        var result = await Tool.RunAsync("docker-compose", "--env-file", ".env.example", "-f", "docker-compose.yml", "config", "-q");
        Assert.True(result.ExitCode == 0, result.Error);
    }

    [SkippableFact]
    public async Task The_compose_file_refuses_to_start_without_its_secrets()
    {
        Skip.IfNot(Tool.Exists("docker-compose"), ComposeMissing);
        var empty = Path.Combine(Path.GetTempPath(), $"talentnet-empty-{Guid.NewGuid():N}.env");
        await File.WriteAllTextAsync(empty, "");
        var result = await Tool.RunAsync("docker-compose", "--env-file", empty, "-f", "docker-compose.yml", "config", "-q");
        File.Delete(empty);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("set in .env", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Services_wait_for_healthy_dependencies_and_check_their_own_readiness()
    {
        var compose = Compose();
        var services = compose.Map("services");
        foreach (var name in new[] { "candidates", "alumni", "recommendations", "integrations" })
        {
            var service = services.Map(name);
            var dependsOn = service.Map("depends_on");
            Assert.Equal("service_completed_successfully", dependsOn.Map("rabbitmq-setup").Text("condition"));
            Assert.Equal("service_completed_successfully", dependsOn.Map($"{name}-migrate").Text("condition"));
            Assert.Equal("SqlServer", service.Map("environment").Text("Database__Provider"));
            Assert.Contains($"talentnet_{name}", service.Map("environment").Text("Database__ConnectionString"), StringComparison.Ordinal);
        }

        Assert.True(services.Map("sqlserver").Has("healthcheck"));
        Assert.True(services.Map("rabbitmq").Has("healthcheck"));
        Assert.False(File.Exists(Path.Combine(RepositoryRoot.Path, ".env")) && IsTracked(".env"), ".env is never committed");
    }

    [Fact]
    public void Each_service_runs_with_its_own_data_only_login_and_broker_user_and_its_schema_is_changed_by_a_separate_migration_step()
    {
        var services = Compose().Map("services");
        foreach (var name in new[] { "candidates", "alumni", "recommendations", "integrations" })
        {
            var running = services.Map(name).Map("environment");
            Assert.Equal("Verify", running.Text("Database__Migrations"));
            Assert.Contains($"User Id=talentnet_{name}_app;", running.Text("Database__ConnectionString"), StringComparison.Ordinal);

            var migrate = services.Map($"{name}-migrate");
            Assert.Equal("Only", migrate.Map("environment").Text("Database__Migrations"));
            Assert.Contains($"User Id=talentnet_{name}_migrator;", migrate.Map("environment").Text("Database__ConnectionString"), StringComparison.Ordinal);
            Assert.Equal("service_completed_successfully", migrate.Map("depends_on").Map("sqlserver-setup").Text("condition"));
        }

        foreach (var name in new[] { "candidates", "alumni", "recommendations", "integrations" })
        {
            Assert.StartsWith($"amqp://talentnet-{name}:", services.Map(name).Map("environment").Text("Messaging__RabbitMqUrl"), StringComparison.Ordinal);
        }

        // The sa password and the broker's admin set the logins and users up and are given to nothing else.
        var setup = services.Map("sqlserver-setup");
        Assert.Contains(Scalars(setup), value => value.Contains("least-privilege.sql", StringComparison.Ordinal));
        foreach (var (key, service) in services.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (name is not ("sqlserver" or "sqlserver-setup"))
            {
                Assert.DoesNotContain(Scalars(service), value => value.Contains("MSSQL_SA_PASSWORD", StringComparison.Ordinal));
            }

            if (name is not ("rabbitmq" or "rabbitmq-setup"))
            {
                Assert.DoesNotContain(Scalars(service), value => value.Contains("RABBITMQ_DEFAULT_PASS", StringComparison.Ordinal));
            }
        }
    }

    private static IEnumerable<string> Scalars(YamlNode node) => node switch
    {
        YamlScalarNode scalar => [scalar.Value ?? ""],
        YamlMappingNode mapping => mapping.Children.SelectMany(pair => Scalars(pair.Key).Concat(Scalars(pair.Value))),
        YamlSequenceNode sequence => sequence.Children.SelectMany(Scalars),
        _ => [],
    };

    [Fact]
    public void The_dockerfile_is_multi_stage_pinned_and_runs_as_a_non_root_user()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "services", "Dockerfile"));
        var froms = lines.Where(line => line.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, froms.Count);
        Assert.Contains("dotnet/sdk:10.0.", froms[0], StringComparison.Ordinal);
        Assert.Contains("dotnet/aspnet:10.0.", froms[1], StringComparison.Ordinal);
        Assert.Contains(lines, line => line.StartsWith("USER 1654", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, ".dockerignore")));
    }

    [SkippableFact]
    public async Task With_a_docker_engine_one_service_image_builds_and_becomes_ready_against_the_compose_broker()
    {
        Skip.IfNot(DockerEngine.IsAvailable, DockerEngine.SkipReason);
        Skip.IfNot(Tool.Exists("docker-compose"), ComposeMissing);
        var compose = new[] { "--env-file", ".env.example", "-f", "docker-compose.yml", "-p", "talentnet-test" };
        var up = await Tool.RunAsync("docker-compose", [.. compose, "up", "-d", "--build", "candidates"]);
        try
        {
            Assert.True(up.ExitCode == 0, up.Error);
            using var http = new HttpClient();
            var ready = await Eventually.WaitForAsync(
                async () => (await http.GetAsync("http://127.0.0.1:5101/health/ready")).StatusCode,
                status => status == HttpStatusCode.OK, TimeSpan.FromMinutes(3), 2000);
            Assert.Equal(HttpStatusCode.OK, ready);
        }
        finally
        {
            await Tool.RunAsync("docker-compose", [.. compose, "down", "-v"]);
        }
    }

    internal static YamlMappingNode Compose()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docker-compose.yml"))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static bool IsTracked(string path) =>
        Tool.RunAsync("git", "ls-files", "--error-unmatch", path).GetAwaiter().GetResult().ExitCode == 0;
}
