using Bogus;

namespace TalentNet.DemoData;

/// <summary>
/// What the demo holds, drawn once from a fixed seed so that every run plans the same company:
/// jobs, leavers, applicants and what becomes of them over the twelve months before now.
/// </summary>
internal sealed class DemoPlan
{
    public const int Jobs = 20;
    public const int Departures = 150;
    public const int Applications = 2000;
    public const int Boomerangs = 15;
    public const int Referrals = 25;
    public const int ReferralHires = 6;

    public static readonly string[] Departments = ["Engineering", "Sales", "Marketing", "Customer Success", "Finance", "People"];

    /// <summary>Channels with the share of applications they bring.</summary>
    public static readonly (string Channel, double Weight)[] Channels =
    [
        ("linkedin", 0.30), ("careers-site", 0.15), ("job-board", 0.15), ("employee-referral", 0.10), ("facebook", 0.08),
        ("instagram", 0.06), ("agency", 0.05), ("x", 0.04), ("youtube", 0.03), ("event", 0.02), ("other", 0.02),
    ];

    /// <summary>Paid social channels and their monthly spend range in NOK.</summary>
    public static readonly (string Channel, int Low, int High)[] Spend =
        [("linkedin", 18000, 32000), ("facebook", 6000, 12000), ("instagram", 4000, 9000), ("x", 2000, 5000), ("youtube", 3000, 8000), ("job-board", 8000, 14000)];

    /// <summary>The share that moves on from each stage of the default pipeline; the rest is rejected or withdraws.</summary>
    public static readonly (string Stage, double Onward)[] Funnel =
        [("contacted", 0.65), ("screening", 0.60), ("interview", 0.55), ("offer", 0.45), ("hired", 0.75)];

    private static readonly string[] Reasons = ["resignation", "resignation", "resignation", "resignation", "relocation", "relocation", "career-change", "studies", "retirement", "contract-end", "layoff", "performance", "conduct"];

    public DemoPlan(DateTimeOffset now)
    {
        Now = now;
        Start = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-11);
        var faker = new Faker("nb_NO") { Random = new Randomizer(2026) };
        Random = faker.Random;
        JobList = Enumerable.Range(0, Jobs).Select(index => new PlannedJob(
            faker.Name.JobTitle(), Departments[index % Departments.Length], faker.PickRandom("Oslo", "Bergen", "Trondheim", "Stavanger", "Remote"),
            faker.Make(3, () => faker.Hacker.Noun().ToLowerInvariant().Replace(' ', '-')).Distinct().ToList(), $"manager{index % 8}@acme.example"))
            .ToList();
        DepartureList = Enumerable.Range(0, Departures).Select(index =>
        {
            var person = new Person("nb_NO") { Random = new Randomizer(10_000 + index) };
            return new PlannedDeparture(
                $"DEMO-{index:0000}", person.FullName, $"{Slug(person.FirstName)}.{Slug(person.LastName)}{index}@example.org",
                $"{Slug(person.FirstName)}.{Slug(person.LastName)}{index}@acme.example", Departments[faker.Random.WeightedRandom([0, 1, 2, 3, 4, 5], [0.35f, 0.2f, 0.15f, 0.15f, 0.08f, 0.07f])],
                faker.Name.JobTitle(), $"manager{faker.Random.Int(0, 7)}@acme.example",
                DateOnly.FromDateTime(faker.Date.BetweenOffset(Start, now.AddDays(-3)).UtcDateTime), faker.PickRandom(Reasons),
                faker.PickRandom("yes", "yes", "maybe", "no"), faker.Random.Bool(0.85f), faker.Random.Bool(0.7f), faker.Random.Bool(0.75f), faker.Random.Bool(0.5f));
        }).ToList();
    }

    public DateTimeOffset Now { get; }

    /// <summary>The first day of the earliest month the demo fills.</summary>
    public DateTimeOffset Start { get; }

    public Randomizer Random { get; }

    public IReadOnlyList<PlannedJob> JobList { get; }

    public IReadOnlyList<PlannedDeparture> DepartureList { get; }

    public IEnumerable<string> Months => Enumerable.Range(0, 12).Select(offset => Start.AddMonths(offset).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));

    public static string Campaign(DateTimeOffset at) =>
        $"{(at.Month switch { <= 2 or 12 => "winter", <= 5 => "spring", <= 8 => "summer", _ => "autumn" })}-{(at.Month == 12 ? at.Year + 1 : at.Year)}";

    public string PickChannel() => Random.WeightedRandom(Channels.Select(channel => channel.Channel).ToArray(), Channels.Select(channel => (float)channel.Weight).ToArray());

    /// <summary>A moment between two others, never after now.</summary>
    public DateTimeOffset Between(DateTimeOffset from, TimeSpan least, TimeSpan most) =>
        from + TimeSpan.FromMinutes(Random.Double(least.TotalMinutes, most.TotalMinutes));

    private static string Slug(string name) => new(name.ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD)
        .Where(character => character is >= 'a' and <= 'z').ToArray());
}

internal sealed record PlannedJob(string Title, string Department, string Location, IReadOnlyList<string> Skills, string ManagerEmail);

internal sealed record PlannedDeparture(
    string EmployeeId, string FullName, string PersonalEmail, string WorkEmail, string Department, string Role, string ManagerEmail,
    DateOnly LastDay, string Reason, string WouldReturn, bool AlumniNetwork, bool RehireOutreach, bool RecommendationRequest, bool ReferralAsk);
