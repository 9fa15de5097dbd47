using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using TalentNet.Contracts;
using TalentNet.Contracts.Alumni;
using TalentNet.Recommendations.Features.Requests;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Recommendations.Tests;

/// <summary>E-mail to former managers and HR, sent to a real SMTP server in the test process, on a fake clock.</summary>
public sealed class NotificationTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Managers_are_mailed_once_in_the_leavers_language_with_names_dates_and_a_link_and_hr_gets_the_digest()
    {
        await using var mail = new TestMailServer();
        mail.Start();
        await using var system = await Notified.StartAsync(mail, "mail-languages", new() { ["Notifications:HrDigestRecipients:0"] = "people@acme.example" });
        var kari = RecommendationsHost.Departed(name: "Kari Nordmann", lastDay: new DateOnly(2026, 10, 31)) with { Language = Language.Nb };
        var per = RecommendationsHost.Departed(manager: "eva.berg@acme.example", name: "Per Hansen", lastDay: new DateOnly(2026, 10, 31));
        await system.PublishAsync(kari, per);

        var norwegian = await system.MailToAsync("ola.hansen@acme.example");
        var english = await system.MailToAsync("eva.berg@acme.example");
        var kariRequest = await system.RequestOfAsync(kari.AlumnusId);
        Assert.Equal("Vil du anbefale Kari Nordmann?", norwegian.Subject);
        Assert.Contains("Hei Ola Hansen,", norwegian.TextBody, StringComparison.Ordinal);
        Assert.Contains("Kari Nordmann sluttet som Backend Developer i Engineering 31. oktober 2026.", norwegian.TextBody, StringComparison.Ordinal);
        Assert.Contains("innen 14. november 2026", norwegian.TextBody, StringComparison.Ordinal);
        Assert.Contains($"http://localhost:5100/manager/requests/{kariRequest}", norwegian.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"http://localhost:5100/manager/requests/{kariRequest}\"", norwegian.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("nb", norwegian.Body!.Headers[HeaderId.ContentLanguage]);
        Assert.Equal("Would you recommend Per Hansen?", english.Subject);
        Assert.Contains("Per Hansen left Engineering as Backend Developer on 31 October 2026.", english.TextBody, StringComparison.Ordinal);

        var notification = (await system.NotificationsAsync()).Single(item => item.GetProperty("requestId").GetString() == kariRequest.ToString());
        Assert.Equal(("request-created", "sent", "nb"), (notification.Str("kind"), notification.Str("status"), notification.Str("language")));
        Assert.Equal($"{notification.Id():N}@acme.example", norwegian.MessageId);

        var digest = await system.MailToAsync("people@acme.example");
        Assert.Equal("Overdue recommendation requests: 0", digest.Subject);

        // The same departure delivered again (a new message id, as after a broker redelivery from another publisher) mails nobody.
        var again = kari with { EventId = Guid.NewGuid() };
        await system.PublishAsync(again);
        await system.Host.WaitForInboxAsync([again]);
        await system.Sender.RunDueAsync(CancellationToken.None);
        Assert.Equal(3, mail.Received.Count);
    }

    [Fact]
    public async Task Reminders_and_the_expiry_are_mailed_once_each_and_a_withdrawn_consent_stops_them()
    {
        await using var mail = new TestMailServer();
        mail.Start();
        await using var system = await Notified.StartAsync(mail, "mail-reminders");
        var stays = RecommendationsHost.Departed(lastDay: new DateOnly(2026, 11, 1), name: "Kari Nordmann");
        var withdraws = RecommendationsHost.Departed(manager: "eva.berg@acme.example", lastDay: new DateOnly(2026, 11, 1), name: "Per Hansen");
        await system.PublishAsync(stays, withdraws);
        await system.MailToAsync("ola.hansen@acme.example");
        await system.MailToAsync("eva.berg@acme.example");
        var withdrawn = new AlumnusConsentChanged(Guid.NewGuid(), DateTimeOffset.UtcNow, withdraws.AlumnusId, new AlumnusConsents(true, true, false, true), AlumnusStatus.Alumnus);
        await system.PublishAsync(withdrawn);
        await system.Host.WaitForInboxAsync([withdrawn]);

        var schedule = system.Host.Host.Services.GetRequiredService<ReminderSchedule>();
        // The service's own sender runs beside the test: a jump of the clock while it holds a mail's lease would
        // expire the lease and send that mail twice, which real time never does. Each jump waits for no lease.
        var database = system.Host.Host.Services.GetRequiredService<TalentNet.Storage.Database>();
        async Task JumpAsync(DateTimeOffset to)
        {
            await Eventually.WaitForAsync(async () =>
            {
                await using var connection = await database.OpenAsync();
                return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM mail_outbox WHERE lease_until IS NOT NULL");
            }, leased => leased == 0, TimeSpan.FromSeconds(15), 50);
            system.Host.Clock.SetUtcNow(to);
        }

        await JumpAsync(new DateTimeOffset(2026, 11, 12, 0, 0, 1, TimeSpan.Zero)); // due - 3 days
        await schedule.RunDueAsync(CancellationToken.None);
        await schedule.RunDueAsync(CancellationToken.None);
        await system.Sender.RunDueAsync(CancellationToken.None);
        foreach (var day in new[] { 15, 22 })
        {
            await JumpAsync(new DateTimeOffset(2026, 11, day, 0, 0, 1, TimeSpan.Zero)); // due, due + 7
            await schedule.RunDueAsync(CancellationToken.None);
            await system.Sender.RunDueAsync(CancellationToken.None);
        }

        await JumpAsync(new DateTimeOffset(2026, 12, 15, 0, 0, 1, TimeSpan.Zero)); // due + 30: expiry
        await schedule.RunDueAsync(CancellationToken.None);
        await system.Sender.RunDueAsync(CancellationToken.None);

        // The service's own sender runs beside the test's call and may hold the last mail's lease a moment: wait for it.
        List<string?> ToOla() => mail.Received.Where(message => message.To.Mailboxes.Single().Address == "ola.hansen@acme.example").Select(message => message.Subject).ToList();
        var toOla = await Eventually.WaitForAsync(() => Task.FromResult(ToOla()), subjects => subjects.Count >= 5, TimeSpan.FromSeconds(15), 100);
        Assert.Equal(
            ["Would you recommend Kari Nordmann?", "Reminder: a recommendation for Kari Nordmann", "Reminder: a recommendation for Kari Nordmann",
                "Reminder: a recommendation for Kari Nordmann", "The request for a recommendation for Kari Nordmann has expired"],
            toOla);
        var remindersToOla = mail.Received.Where(message => message.Subject!.StartsWith("Reminder", StringComparison.Ordinal) && message.To.ToString().Contains("ola", StringComparison.Ordinal));
        Assert.Equal(["It is due on 15 November 2026.", "It is due today.", "It was due on 15 November 2026."],
            remindersToOla.Select(message => message.TextBody!.Split('\n').Single(line => line.StartsWith("It ", StringComparison.Ordinal)).Trim()));
        Assert.Equal(1, mail.Received.Count(message => message.To.ToString().Contains("eva.berg", StringComparison.Ordinal)));
        // The withdrawal cancelled the request and dropped its reminders: nothing was even queued for Eva's manager.
        Assert.Empty(await system.NotificationsAsync("skipped"));
        Assert.Equal("cancelled", (await system.Host.RequestsForAsync(withdraws.AlumnusId, 1))[0].Str("status"));
    }

    [Fact]
    public async Task Alumni_get_the_welcome_and_links_they_ask_for_in_their_language_only_while_the_link_opens_and_they_want_it()
    {
        await using var mail = new TestMailServer();
        mail.Start();
        await using var system = await Notified.StartAsync(mail, "mail-alumni");
        var now = system.Host.Clock.GetUtcNow();
        var kari = RecommendationsHost.Departed(name: "Kari Nordmann") with { Language = Language.Nb };
        var per = RecommendationsHost.Departed(name: "Per Hansen");
        var eva = RecommendationsHost.Departed(name: "Eva Berg");
        var left = new AlumnusConsentChanged(Guid.NewGuid(), eva.OccurredAt.AddMinutes(1), eva.AlumnusId, new AlumnusConsents(false, true, true, true), AlumnusStatus.Alumnus);
        await system.PublishAsync(kari, per, eva, left);
        await system.Host.WaitForInboxAsync([kari, per, eva, left]);
        AlumniLinkIssued Link(EmployeeDeparted to, AlumniLinkPurpose purpose, Language? language, string token, DateTimeOffset expiresAt) =>
            new(Guid.NewGuid(), now, to.AlumnusId, Guid.NewGuid(), purpose, to.PersonalEmail!, to.FullName, language, token, expiresAt);
        var welcome = Link(kari, AlumniLinkPurpose.Welcome, Language.Nb, "welcome.token-1", now.AddDays(14));
        await system.PublishAsync(
            welcome, welcome with { EventId = Guid.NewGuid() }, Link(per, AlumniLinkPurpose.Requested, null, "asked.token-2", now.AddHours(1)),
            Link(eva, AlumniLinkPurpose.Welcome, Language.En, "unwanted.token-3", now.AddDays(14)), Link(per, AlumniLinkPurpose.Requested, null, "late.token-4", now.AddSeconds(-1)));

        var norwegian = await system.MailToAsync(kari.PersonalEmail!);
        Assert.Equal("Velkommen i alumninettverket", norwegian.Subject);
        Assert.Contains("Hei Kari Nordmann,", norwegian.TextBody, StringComparison.Ordinal);
        Assert.Contains("fram til 15. november 2026 08:00 UTC", norwegian.TextBody, StringComparison.Ordinal);
        Assert.Contains("Åpne alumnisiden: http://localhost:5100/alumnus/link/welcome.token-1", norwegian.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"http://localhost:5100/alumnus/link/welcome.token-1\"", norwegian.HtmlBody, StringComparison.Ordinal);
        var english = await system.MailToAsync(per.PersonalEmail!);
        Assert.Equal("Your link to the alumni page", english.Subject);
        Assert.Contains("until 1 November 2026 09:00 UTC", english.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5100/alumnus/link/asked.token-2", english.TextBody, StringComparison.Ordinal);

        var skipped = await system.NotificationAsync(item => item.Str("status") == "skipped" && item.Str("kind") == "alumni-welcome");
        Assert.Equal((eva.AlumnusId, JsonValueKind.Null), (skipped.Id("alumnusId"), skipped.GetProperty("requestId").ValueKind));
        await system.NotificationAsync(item => item.Str("status") == "skipped" && item.Str("kind") == "alumni-link");
        Assert.Single(mail.Received, message => message.To.ToString().Contains(kari.PersonalEmail!, StringComparison.Ordinal));
        Assert.Single(mail.Received, message => message.To.ToString().Contains(per.PersonalEmail!, StringComparison.Ordinal));
        Assert.DoesNotContain(mail.Received, message => message.To.ToString().Contains(eva.PersonalEmail!, StringComparison.Ordinal));

        // The link stays in the mail outbox only until the mail went (or was skipped).
        await using var connection = await system.Host.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(0, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM mail_outbox WHERE details IS NOT NULL"));
    }

    [Fact]
    public async Task A_mail_server_that_is_down_delays_mail_and_a_dead_letter_can_be_retried()
    {
        await using var mail = new TestMailServer();
        await using var system = await Notified.StartAsync(mail, "mail-outage", new() { ["Notifications:MaxAttempts"] = "3" });

        // Down: the mail waits, its failures counted; back up: delivered once.
        var first = RecommendationsHost.Departed(name: "Kari Nordmann");
        await system.PublishAsync(first);
        var failing = await system.NotificationAsync(item => item.GetProperty("attempts").GetInt32() >= 1);
        Assert.Equal(("pending", "SocketException"), (failing.Str("status"), failing.Str("lastError")));
        mail.Start();
        system.Host.Clock.Advance(TimeSpan.FromMinutes(2));
        await system.MailToAsync("ola.hansen@acme.example");
        Assert.Equal("sent", (await system.NotificationAsync(item => item.Id() == failing.Id() && item.Str("status") == "sent")).Str("status"));

        // Down for good: after the last attempt the mail is a dead letter HR sees, and sends again once the server is back.
        await mail.StopAsync();
        var second = RecommendationsHost.Departed(manager: "eva.berg@acme.example", name: "Per Hansen");
        await system.PublishAsync(second);
        var request = await system.RequestOfAsync(second.AlumnusId);
        JsonElement Of(IEnumerable<JsonElement> items) => items.Single(item => item.GetProperty("requestId").GetString() == request.ToString());
        await system.NotificationAsync(item => item.GetProperty("requestId").GetString() == request.ToString() && item.GetProperty("attempts").GetInt32() == 1);
        system.Host.Clock.Advance(TimeSpan.FromMinutes(1));
        await system.NotificationAsync(item => item.GetProperty("requestId").GetString() == request.ToString() && item.GetProperty("attempts").GetInt32() == 2);
        system.Host.Clock.Advance(TimeSpan.FromMinutes(2));
        var dead = await system.NotificationAsync(item => item.GetProperty("requestId").GetString() == request.ToString() && item.Str("status") == "dead");
        Assert.Equal(3, Of(await system.NotificationsAsync("dead")).GetProperty("attempts").GetInt32());
        mail.Start();
        var retried = await Answer.OkAsync(await system.Host.Hr.PostAsync($"/api/notifications/{dead.Id()}/retry", null));
        Assert.Equal("pending", retried.Str("status"));
        await Answer.ProblemAsync(await system.Host.Manager("eva.berg@acme.example").PostAsync($"/api/notifications/{dead.Id()}/retry", null), HttpStatusCode.Forbidden);
        await system.MailToAsync("eva.berg@acme.example");
        await Answer.ProblemAsync(await system.Host.Hr.PostAsync($"/api/notifications/{dead.Id()}/retry", null), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_crash_after_the_server_accepted_a_mail_sends_it_again_after_the_restart_with_the_same_message_id()
    {
        await using var mail = new TestMailServer();
        mail.Start();
        var path = TestDatabase.NewPath("mail-crash");
        var crashed = await Notified.StartAsync(mail, "mail-crash", path: path);
        var stopped = new TaskCompletionSource();
        mail.OnAccepted = async () =>
        {
            // The server has the mail; before it answers, the service goes down and never records the delivery.
            mail.OnAccepted = null;
            _ = Task.Run(async () =>
            {
                await crashed.DisposeAsync();
                stopped.SetResult();
            });
            await Task.Delay(TimeSpan.FromSeconds(2));
        };
        var departed = RecommendationsHost.Departed(name: "Kari Nordmann");
        await crashed.PublishAsync(departed);
        await stopped.Task.WaitAsync(Soon);
        Assert.Single(mail.Received);

        await using var restarted = await Notified.StartAsync(mail, "mail-crash-restarted", path: path);
        restarted.Host.Clock.Advance(TimeSpan.FromMinutes(10)); // past the lease the crashed sender held
        var copies = await Eventually.WaitForAsync(() => Task.FromResult(mail.Received.ToList()), found => found.Count == 2, Soon);
        Assert.Equal(2, copies.Count);
        Assert.Equal(copies[0].MessageId, copies[1].MessageId);
        var sent = await restarted.NotificationAsync(item => item.Str("status") == "sent");
        Assert.Equal(1, sent.GetProperty("attempts").GetInt32()); // the crashed attempt was never recorded
        await restarted.Sender.RunDueAsync(CancellationToken.None);
        Assert.Equal(2, mail.Received.Count);
    }

    /// <summary>Recommendations with mail to the test server: fast polling, a minute's first retry, the test host's fake clock.</summary>
    private sealed class Notified : IAsyncDisposable
    {
        private readonly TestMailServer _mail;

        private Notified(RecommendationsHost host, TestMailServer mail)
        {
            Host = host;
            _mail = mail;
        }

        public RecommendationsHost Host { get; }

        public Features.Notifications.MailSender Sender => Host.Host.Services.GetRequiredService<Features.Notifications.MailSender>();

        public static async Task<Notified> StartAsync(TestMailServer mail, string name, Dictionary<string, string?>? settings = null, string? path = null)
        {
            path ??= TestDatabase.NewPath(name);
            var host = new RecommendationsHost(name, path, new Dictionary<string, string?>(settings ?? [])
            {
                ["Notifications:Smtp:Host"] = "127.0.0.1",
                ["Notifications:Smtp:Port"] = mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Notifications:Smtp:UseTls"] = "false",
                ["Notifications:Smtp:From"] = "hr@acme.example",
                ["Notifications:PollInterval"] = "00:00:00.200",
                ["Notifications:RetryDelay"] = "00:01:00",
            });
            await host.InitializeAsync();
            return new Notified(host, mail);
        }

        public Task PublishAsync(params IIntegrationEvent[] events) => Host.PublishAsync(events);

        public async Task<MimeMessage> MailToAsync(string address)
        {
            var found = await Eventually.WaitForAsync(
                () => Task.FromResult(_mail.Received.LastOrDefault(message => message.To.Mailboxes.Any(box => box.Address == address))),
                message => message is not null, Soon);
            return found!;
        }

        public async Task<Guid> RequestOfAsync(Guid alumnusId) => (await Host.RequestsForAsync(alumnusId, 1))[0].GetProperty("id").GetGuid();

        public async Task<List<JsonElement>> NotificationsAsync(string? status = null) =>
            (await Host.Hr.GetFromJsonAsync<JsonElement>($"/api/notifications?pageSize=100{(status is null ? "" : $"&status={status}")}"))
                .GetProperty("items").EnumerateArray().ToList();

        public async Task<JsonElement> NotificationAsync(Func<JsonElement, bool> matches) =>
            (await Eventually.WaitForAsync(async () => (await NotificationsAsync()).FirstOrDefault(matches), item => item.ValueKind == JsonValueKind.Object, Soon));

        public async ValueTask DisposeAsync() => await Host.DisposeAsync();
    }
}
