using Jingzhun.Web.Modules.Registry.Rules;

namespace Jingzhun.Web.Modules.Registry.DemoData;

/// <summary>What to generate. The counts are exact totals of the output.</summary>
public sealed record PopulationProfile(
    string Name,
    IReadOnlyList<string> VillageCodes,
    int Households, int People,
    int DibaoHouseholds, int DibaoPeople,
    int TekunPeople,
    int FirstIncomeYear, int LastIncomeYear,
    decimal MonitoringThreshold,
    DateOnly? AsOf = null); // the day ages and school status describe (default 30 June of the last income year)

public sealed record GeneratedHousehold(string VillageCode, int SequenceInVillage, HouseholdFacts Facts,
    IReadOnlyList<MemberFacts> Members, IReadOnlyList<(int Year, IncomeLines Lines)> Incomes);

/// <summary>
/// Deterministic synthetic registry (建档立卡) population for demos, tests and load: pure (no clock, no I/O), the
/// same (profile, seed) always gives the same households, streamed one at a time. Per-household sizes and flags
/// are planned up front so that the profile's totals come out exact.
/// </summary>
public static class PopulationGenerator
{
    private const int ExitDeadline = 2020; // 脱贫攻坚: every registered household exited by the end of 2020.

    /// <summary>Seed 002: 4,448 households / 12,571 people, 1,215 households / 2,683 people on 低保, 171 特困.</summary>
    public static PopulationProfile Tongliang(IReadOnlyList<string> villageCodes, int lastIncomeYear, DateOnly? asOf = null) =>
        new("铜梁区", villageCodes, 4448, 12571, 1215, 2683, 171, 2014, lastIncomeYear, 6000m, asOf);

    /// <summary>
    /// 重庆市 at the scale of seed 000: 1.906 million registered people in about 650,000 households over every village,
    /// with Tongliang's (seed 002) shares of 低保 households and people and of 特困 people.
    /// </summary>
    public static PopulationProfile Chongqing(IReadOnlyList<string> villageCodes, int lastIncomeYear, DateOnly? asOf = null) =>
        Scaled("重庆市", villageCodes, 650_000, 1_906_000, lastIncomeYear, asOf);

    /// <summary>N people over the given villages (a national sample), Tongliang's household size and shares.</summary>
    public static PopulationProfile NationalSample(IReadOnlyList<string> villageCodes, int people, int lastIncomeYear, DateOnly? asOf = null) =>
        Scaled("全国抽样", villageCodes, Math.Max(1, (int)Math.Round(people * 4448.0 / 12571)), people, lastIncomeYear, asOf);

    private static PopulationProfile Scaled(string name, IReadOnlyList<string> villages, int households, int people, int lastIncomeYear, DateOnly? asOf)
    {
        int Share(int total, int part, int of) => (int)Math.Round(total * (double)part / of, MidpointRounding.AwayFromZero);
        var dibaoHouseholds = Share(households, 1215, 4448);
        return new(name, villages, households, people, dibaoHouseholds, Math.Max(dibaoHouseholds, Share(people, 2683, 12571)),
            Share(people, 171, 12571), 2014, lastIncomeYear, 6000m, asOf);
    }

    public static IEnumerable<GeneratedHousehold> Generate(PopulationProfile profile, int seed)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var p = profile;
        if (p.VillageCodes is not { Count: > 0 } || p.VillageCodes.Any(c => c?.Length != 12 || !c.All(char.IsAsciiDigit)))
            throw new ArgumentException("Village codes must be a non-empty list of 12-digit codes.", nameof(profile));
        if (p.Households <= 0 || p.People < p.Households || p.People > 7 * p.Households)
            throw new ArgumentException("People must be between 1 and 7 per household.", nameof(profile));
        if (p.DibaoHouseholds < 0 || p.TekunPeople < 0 || p.DibaoPeople < p.DibaoHouseholds
            || p.DibaoPeople + p.TekunPeople > p.People || p.DibaoHouseholds + p.TekunPeople > p.Households
            || (p.DibaoHouseholds == 0) != (p.DibaoPeople == 0))
            throw new ArgumentException("低保/特困 counts do not fit the population.", nameof(profile));
        if (p.FirstIncomeYear < 2000 || p.FirstIncomeYear > p.LastIncomeYear || p.LastIncomeYear < ExitDeadline)
            throw new ArgumentException($"Income years must lie in 2000..last, the last being {ExitDeadline} or later.", nameof(profile));
        if (p.MonitoringThreshold <= 0) throw new ArgumentException("The monitoring threshold must be positive.", nameof(profile));
        return Stream(p, seed);
    }

    private static IEnumerable<GeneratedHousehold> Stream(PopulationProfile profile, int seed)
    {
        var rng = new Random(seed);
        var plan = new Plan(profile, rng);
        var builder = new Builder(profile, plan, rng);
        var index = 0;
        for (var v = 0; v < profile.VillageCodes.Count; v++)
            for (var s = 1; s <= plan.VillageCounts[v]; s++)
                yield return builder.Build(index++, profile.VillageCodes[v], s);
    }

    /// <summary>Per-household sizes and flags, drawn up front so that every total is exact.</summary>
    private sealed class Plan
    {
        // Shape of rural household sizes 1..7; tilted below so its mean is the profile's (Tongliang 12,571 / 4,448 = 2.83).
        private static readonly double[] SizeShape = [0.22, 0.27, 0.19, 0.16, 0.09, 0.05, 0.02];

        public byte[] Size { get; }
        public byte[] Dibao { get; }
        public byte[] Tekun { get; }
        public bool[] Renovated { get; }
        public int[] VillageCounts { get; }
        /// <summary>Divides the per-category income levels so that the person-weighted mean level is 1.</summary>
        public double LevelScale { get; }

        public Plan(PopulationProfile p, Random rng)
        {
            var n = p.Households;
            Size = Sizes(n, p.People, rng);
            Dibao = new byte[n];
            Tekun = new byte[n];
            var order = Enumerable.Range(0, n).ToArray();
            rng.Shuffle(order);

            // 特困供养 people mostly live alone: fill the smallest households first.
            var left = p.TekunPeople;
            for (var size = 1; size <= 7 && left > 0; size++)
                foreach (var i in order)
                    if (left > 0 && Size[i] == size) { Tekun[i] = (byte)Math.Min(size, left); left -= Tekun[i]; }

            // 低保 households: a weighted draw (Efraimidis-Spirakis keys) favouring small households, since seed 002's
            // 2,683 people in 1,215 households is 2.2 a household against 2.8 overall; most cover the whole household.
            var candidates = order.Where(i => Tekun[i] == 0).ToArray();
            var keys = candidates.Select(i => -Math.Log(1 - rng.NextDouble()) / (Size[i] <= 2 ? 1.6 : 1.0)).ToArray();
            Array.Sort(keys, candidates);
            var chosen = candidates[..p.DibaoHouseholds];
            if (chosen.Sum(i => Size[i]) < p.DibaoPeople)
                chosen = [.. candidates.OrderByDescending(i => Size[i]).Take(p.DibaoHouseholds)];
            if (chosen.Sum(i => Size[i]) < p.DibaoPeople)
                throw new ArgumentException("低保 people do not fit in the 低保 households.", nameof(p));
            foreach (var i in chosen) Dibao[i] = rng.NextDouble() < 0.8 ? Size[i] : (byte)rng.Next(1, Size[i] + 1);
            for (var sum = chosen.Sum(i => Dibao[i]); sum != p.DibaoPeople;)
            {
                var i = chosen[rng.Next(chosen.Length)];
                if (sum > p.DibaoPeople && Dibao[i] > 1) { Dibao[i]--; sum--; }
                else if (sum < p.DibaoPeople && Dibao[i] < Size[i]) { Dibao[i]++; sum++; }
            }

            // Seed 002: 475 of 4,448 households had their dangerous house renovated; exact via selection sampling.
            Renovated = new bool[n];
            var need = (int)Math.Round(n * 475.0 / 4448, MidpointRounding.AwayFromZero);
            for (var i = 0; i < n; i++)
                if (rng.Next(n - i) < need) { Renovated[i] = true; need--; }

            // Uneven spread over villages (some have many registered households, some few).
            var weights = p.VillageCodes.Select(_ => Math.Exp(0.5 * Normal(rng))).ToArray();
            var total = weights.Sum();
            VillageCounts = weights.Select(w => (int)(n * w / total)).ToArray();
            for (var r = n - VillageCounts.Sum(); r > 0; r--) VillageCounts[rng.Next(VillageCounts.Length)]++;

            double weighted = 0;
            for (var i = 0; i < n; i++) weighted += Size[i] * CategoryLevel(Tekun[i] > 0, Dibao[i] > 0);
            LevelScale = weighted / p.People;
        }

        public static double CategoryLevel(bool tekun, bool dibao) => tekun ? 0.78 : dibao ? 0.84 : 1.0;

        private static byte[] Sizes(int n, int people, Random rng)
        {
            double Mean(double t)
            {
                double w = 0, m = 0;
                for (var k = 0; k < 7; k++) { var x = SizeShape[k] * Math.Pow(t, k); w += x; m += x * (k + 1); }
                return m / w;
            }
            var target = (double)people / n;
            double lo = 1e-3, hi = 1e3;
            for (var it = 0; it < 60; it++) { var mid = Math.Sqrt(lo * hi); if (Mean(mid) < target) lo = mid; else hi = mid; }
            var cumulative = new double[7];
            for (var k = 0; k < 7; k++) cumulative[k] = (k > 0 ? cumulative[k - 1] : 0) + SizeShape[k] * Math.Pow(lo, k);

            var sizes = new byte[n];
            var sum = 0;
            for (var i = 0; i < n; i++)
            {
                var u = rng.NextDouble() * cumulative[6];
                var k = 0;
                while (k < 6 && u >= cumulative[k]) k++;
                sizes[i] = (byte)(k + 1);
                sum += k + 1;
            }
            while (sum != people)
            {
                var i = rng.Next(n);
                if (sum < people && sizes[i] < 7) { sizes[i]++; sum++; }
                else if (sum > people && sizes[i] > 1) { sizes[i]--; sum--; }
            }
            return sizes;
        }
    }

    private sealed class Person
    {
        public Relationship Relationship { get; init; }
        public Gender Gender { get; init; }
        public int Age { get; init; }
        public string Surname { get; init; } = "";
        public HealthStatus Health { get; set; } = HealthStatus.Healthy;
        public int? DisabilityGrade { get; set; }
        public EducationLevel Education { get; set; }
        public SchoolStatus School { get; set; } = SchoolStatus.NotInSchool;
        public LaborSkill Labor { get; set; }
        public WorkStatus Work { get; set; }
        public int? WorkMonths { get; set; }
        public int? WelfareJobMonths { get; set; }
        public bool Dibao { get; set; }
        public bool Tekun { get; set; }
        public bool FamilyPlanningAward { get; set; }
    }

    private sealed class Builder
    {
        private static readonly (string Value, int Weight)[] Surnames =
        [
            ("李", 79), ("王", 71), ("张", 70), ("刘", 54), ("陈", 50), ("杨", 33), ("黄", 22), ("赵", 22), ("周", 20),
            ("吴", 18), ("徐", 14), ("孙", 12), ("胡", 14), ("朱", 12), ("高", 11), ("林", 10), ("何", 14), ("郭", 11),
            ("马", 10), ("罗", 14), ("唐", 14), ("蒋", 10), ("谭", 10), ("邓", 12), ("冉", 6), ("梁", 8), ("宋", 7),
            ("郑", 7), ("谢", 9), ("韩", 5), ("曾", 9), ("彭", 8), ("曹", 6), ("袁", 8), ("邹", 6), ("傅", 5),
            ("熊", 6), ("秦", 5), ("向", 6), ("龚", 5), ("余", 6), ("廖", 6), ("杜", 5), ("田", 6), ("程", 4),
            ("肖", 7), ("任", 5), ("汪", 4), ("雷", 4), ("付", 4), ("夏", 4), ("钟", 4), ("蒲", 3), ("税", 2),
        ];
        private static readonly int SurnameTotal = Surnames.Sum(s => s.Weight);
        private const string MaleOld = "德明国华建文志永成林光福贵富海金平清荣山胜树祥兴学云忠军勇强刚伟春洪开良全友昌世正先元才仁发中家绍泽";
        private const string FemaleOld = "秀英兰芳珍玉桂琼淑凤素菊梅群翠春琴华莲花云霞碧蓉丽敏燕萍红娟会芬容明";
        private const string MaleNew = "浩宇俊杰子轩涵博文鑫磊鹏晨睿梓豪明泽一诚航天嘉锦程奕辰";
        private const string FemaleNew = "欣怡雨涵梓萱婷佳思琪雪诗悦可馨语妍心玥月露瑶茜雯";
        private static readonly string[] PhonePrefixes =
        [
            "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
            "155", "157", "158", "159", "180", "181", "182", "183", "187", "188", "189",
        ];
        private static readonly string[] SettlementSites =
            ["场镇集中安置点", "中心村聚居点", "城区安置小区", "插花安置", "移民新村"];
        private static readonly (PovertyCause Value, int Weight)[] Causes =
        [
            (PovertyCause.Illness, 40), (PovertyCause.Disability, 12), (PovertyCause.Schooling, 8), (PovertyCause.LackOfSkills, 9),
            (PovertyCause.LackOfLabour, 9), (PovertyCause.LackOfCapital, 8), (PovertyCause.Disaster, 3), (PovertyCause.LackOfLand, 3),
            (PovertyCause.LackOfWater, 1), (PovertyCause.PoorTransport, 3), (PovertyCause.LackOfDrive, 3), (PovertyCause.Other, 1),
        ];
        // Pre-2014 code of 铜梁县 before it became 铜梁区 (500151): older residents' ID numbers keep it.
        private static readonly Dictionary<string, string> LegacyCounty = new() { ["500151"] = "500224" };

        private readonly PopulationProfile profile;
        private readonly Plan plan;
        private readonly Random rng;
        private readonly DateOnly asOf; // ages are as of mid-year of the last income year: no birth date in the future
        private readonly IdIssuer ids;

        public Builder(PopulationProfile profile, Plan plan, Random rng)
        {
            this.profile = profile;
            this.plan = plan;
            this.rng = rng;
            asOf = profile.AsOf ?? new DateOnly(profile.LastIncomeYear, 6, 30);
            ids = new IdIssuer(asOf.Year);
        }

        public GeneratedHousehold Build(int index, string village, int sequence)
        {
            var size = plan.Size[index];
            var tekun = plan.Tekun[index] > 0;
            var dibao = plan.Dibao[index] > 0;
            var people = Family(size, tekun);
            for (var k = 0; k < plan.Tekun[index]; k++) people[k].Tekun = true;
            foreach (var m in people) { Health(m); Schooling(m); }

            var (main, second, third) = ChooseCauses(people, tekun);
            if (main == PovertyCause.Illness && !people.Any(m => m.Health is HealthStatus.ChronicIllness or HealthStatus.SeriousIllness))
            {
                var ill = people.MaxBy(m => m.Age)!;
                ill.Health = Chance(0.45) ? HealthStatus.SeriousIllness : HealthStatus.ChronicIllness;
                ill.DisabilityGrade = null;
            }
            if (main == PovertyCause.Disability && !people.Any(m => m.Health == HealthStatus.Disabled))
                Disable(people[rng.Next(people.Count)]);
            foreach (var m in people) Activity(m);
            var neediest = people.Select((m, i) => (m, i)).OrderByDescending(x => Need(x.m)).ThenBy(x => x.i).Take(plan.Dibao[index]);
            foreach (var (m, _) in neediest) m.Dibao = true;

            var hasLabour = people.Any(m => m.Labor is LaborSkill.Ordinary or LaborSkill.Skilled);
            var identified = Pick([(2014, 58), (2015, 14), (2016, 13), (2017, 7), (2018, 5), (2019, 3)]);
            var exit = identified + 1;
            while (exit < ExitDeadline && Chance(0.42)) exit++;
            var renovated = plan.Renovated[index];
            var relocated = !renovated && Chance(0.035);
            var piped = Chance(0.92);
            var (lat, lon) = Point(village);
            var facts = new HouseholdFacts
            {
                Status = HouseholdStatus.Exited,
                Attribute = tekun ? PovertyAttribute.TekunExited : dibao ? PovertyAttribute.DibaoExited : PovertyAttribute.GeneralExited,
                IdentifiedYear = identified,
                ExitYear = exit,
                IdentificationStandard = IdentificationStandard.National,
                MainCause = main, SecondCause = second, ThirdCause = third,
                Class321 = (tekun || dibao) && !hasLabour ? Class321.SafetyNet : Chance(0.29) ? Class321.Push : Class321.Watch,
                IsDibao = dibao,
                IsTekun = tekun,
                IsRelocated = relocated,
                SettlementSite = relocated ? SettlementSites[rng.Next(SettlementSites.Length)] : null,
                RelocationKeysReceived = relocated && Chance(0.95),
                IsMilitaryFamily = Chance(0.01),
                HasDangerousHouseRenovation = renovated,
                Address = $"{rng.Next(1, 13)}组",
                Phone = Chance(0.9) ? PhonePrefixes[rng.Next(PhonePrefixes.Length)] + rng.Next(100_000_000).ToString("D8") : null,
                // A handful of C/D houses neither renovated nor relocated: gaps the 住房安全 rule must find.
                HousingGrade = renovated || relocated ? (Chance(0.75) ? HousingGrade.A : HousingGrade.B)
                    : Chance(0.003) ? (Chance(0.6) ? HousingGrade.C : HousingGrade.D)
                    : Chance(0.55) ? HousingGrade.A : HousingGrade.B,
                FoodSecure = !Chance(0.0005),
                ClothingSecure = !Chance(0.0005),
                WaterLitresPerPersonDay = Chance(0.01) ? null : Chance(0.003) ? rng.Next(18, 35) : rng.Next(40, 121),
                WaterQualityPassed = !Chance(0.001),
                WaterPiped = piped,
                WaterFetchMinutes = piped ? 0 : rng.Next(3, 19),
                WaterHorizontalMetres = piped ? 0 : rng.Next(30, 700),
                WaterVerticalMetres = piped ? 0 : rng.Next(0, 60),
                WaterCutoffDaysPerYear = Chance(0.002) ? rng.Next(11, 50) : rng.Next(0, 11),
                WaterShortArea = Chance(0.02),
                HasElectricity = !Chance(0.001),
                HasHardenedRoad = Chance(0.97),
                HasBroadband = Chance(0.85),
                HasSanitaryToilet = Chance(0.9),
                Latitude = lat,
                Longitude = lon,
            };

            var ethnicity = Ethnicity();
            var members = people.Select(m =>
                Materialize(m, village, m.Relationship is Relationship.Spouse or Relationship.DaughterInLaw ? Ethnicity() : ethnicity)).ToList();
            return new GeneratedHousehold(village, sequence, facts, members, Incomes(people, tekun, dibao, exit));
        }

        private List<Person> Family(int size, bool tekun)
        {
            var headAge = tekun ? (Chance(0.8) ? Range(60, 92) : Range(40, 59))
                : size == 1 ? Pick([(Range(60, 90), 60), (Range(40, 59), 30), (Range(22, 39), 10)])
                : size == 2 ? (Chance(0.55) ? Range(55, 85) : Range(30, 70))
                : size >= 5 ? Range(35, 70) : Range(30, 72);
            var headMale = Chance(size == 1 && headAge >= 65 ? 0.55 : 0.88);
            var surname = Surname(null);
            var family = new List<Person>(size)
            {
                new() { Relationship = Relationship.Head, Gender = headMale ? Gender.Male : Gender.Female, Age = headAge, Surname = surname },
            };
            // A woman heading the household is usually widowed: the children carry their father's surname.
            var childSurname = headMale || Chance(0.3) ? surname : Surname(surname);
            void Add(Relationship r, Gender g, int age, string name) =>
                family.Add(new Person { Relationship = r, Gender = g, Age = Math.Clamp(age, 0, 99), Surname = name });

            if (family.Count < size && Chance(size == 2 ? 0.6 : 0.82))
                Add(Relationship.Spouse, headMale ? Gender.Female : Gender.Male,
                    Math.Max(18, headAge + (headMale ? -Range(0, 6) : Range(0, 6))), Surname(surname));
            if (family.Count < size && headAge <= 52 && Chance(size >= 4 ? 0.45 : size == 2 ? 0.5 : 0.25))
            {
                var parentAge = Math.Min(96, headAge + Range(21, 33));
                var mother = Chance(0.7);
                Add(mother ? Relationship.Mother : Relationship.Father, mother ? Gender.Female : Gender.Male, parentAge,
                    mother ? Surname(surname) : surname);
                if (family.Count < size && Chance(0.35))
                    Add(mother ? Relationship.Father : Relationship.Mother, mother ? Gender.Male : Gender.Female,
                        Math.Min(97, parentAge + Range(-3, 4)), mother ? surname : Surname(surname));
            }
            var childAge = headAge - Range(21, 33);
            while (family.Count < size)
            {
                if (childAge < 0)
                {
                    // No room for a younger child: often an unmarried brother or sister lives with the head.
                    var male = Chance(0.6);
                    Add(Relationship.Sibling, male ? Gender.Male : Gender.Female, Math.Max(16, headAge + Range(-8, 9)), surname);
                    continue;
                }
                var son = Chance(0.55);
                Add(son ? Relationship.Son : Relationship.Daughter, son ? Gender.Male : Gender.Female, childAge, childSurname);
                if (son && childAge >= 22 && size - family.Count >= 2 && Chance(0.8))
                {
                    Add(Relationship.DaughterInLaw, Gender.Female, Math.Max(18, childAge - Range(-2, 5)), Surname(childSurname));
                    for (var g = childAge - Range(21, 31); family.Count < size && g >= 0 && Chance(0.85); g -= Range(1, 5))
                    {
                        var boy = Chance(0.53);
                        Add(boy ? Relationship.Grandson : Relationship.Granddaughter, boy ? Gender.Male : Gender.Female, g, childSurname);
                    }
                }
                childAge -= Range(1, 6);
            }
            return family;
        }

        private void Health(Person m)
        {
            if (m.Tekun)
            {
                // 特困供养: no labour and no one obliged to support them; the younger ones are severely disabled.
                if (m.Age < 60) { Disable(m); m.DisabilityGrade = Range(1, 3); }
                else m.Health = HealthOf(50, 20, 10, 20);
            }
            else m.Health = m.Age < 16 ? HealthOf(960, 15, 5, 20) : m.Age < 60 ? HealthOf(780, 100, 40, 80) : HealthOf(400, 420, 80, 100);
            if (m.Health == HealthStatus.Disabled && m.DisabilityGrade is null) Disable(m);
        }

        private HealthStatus HealthOf(int healthy, int chronic, int serious, int disabled) => Pick(
        [
            (HealthStatus.Healthy, healthy), (HealthStatus.ChronicIllness, chronic),
            (HealthStatus.SeriousIllness, serious), (HealthStatus.Disabled, disabled),
        ]);

        private void Disable(Person m)
        {
            m.Health = HealthStatus.Disabled;
            m.DisabilityGrade = Pick([(1, 15), (2, 25), (3, 30), (4, 30)]);
        }

        private (PovertyCause, PovertyCause?, PovertyCause?) ChooseCauses(List<Person> people, bool tekun)
        {
            // 因学 only where someone is at school; weighted up there so that it stays about 8% of all households.
            var students = people.Any(m => m.Age >= 6 && m.School != SchoolStatus.NotInSchool);
            var table = Causes.Where(c => c.Value != PovertyCause.Schooling || students)
                .Select(c => c.Value switch
                {
                    PovertyCause.Schooling => (c.Value, c.Weight * 6),
                    PovertyCause.LackOfLabour when tekun => (c.Value, c.Weight * 4),
                    _ => c,
                }).ToArray();
            var main = Pick(table);
            PovertyCause? second = null, third = null;
            if (Chance(0.45))
            {
                second = Pick(table.Where(c => c.Value != main).ToArray());
                if (Chance(0.4)) third = Pick(table.Where(c => c.Value != main && c.Value != second).ToArray());
            }
            return (main, second, third);
        }

        private void Schooling(Person m) =>
            (m.Education, m.School) = m.Age switch
            {
                < 3 => (EducationLevel.Preschool, SchoolStatus.NotInSchool),
                < 6 => (EducationLevel.Preschool, Chance(0.8) ? SchoolStatus.Preschool : SchoolStatus.NotInSchool),
                // A handful out of school in the compulsory years: gaps the 义务教育保障 rule must find.
                < 12 => (EducationLevel.Primary, Chance(0.004) ? SchoolStatus.NotInSchool : SchoolStatus.Primary),
                < 16 => (EducationLevel.JuniorHigh, Chance(0.004) ? SchoolStatus.NotInSchool : SchoolStatus.Grade7To9),
                < 19 => Pick(
                [
                    ((EducationLevel.SeniorHigh, SchoolStatus.SeniorHigh), 45),
                    ((EducationLevel.Vocational, SchoolStatus.SecondaryVocational), 30),
                    ((EducationLevel.JuniorHigh, SchoolStatus.NotInSchool), 25),
                ]),
                < 23 => Pick(
                [
                    ((EducationLevel.College, SchoolStatus.HigherVocational), 12),
                    ((EducationLevel.College, SchoolStatus.CollegeOrAbove), 8),
                    ((EducationLevel.JuniorHigh, SchoolStatus.NotInSchool), 55),
                    ((EducationLevel.SeniorHigh, SchoolStatus.NotInSchool), 25),
                ]),
                // Adults: the older, the less schooling.
                < 45 => (EducationOf(0, 15, 55, 15, 10, 5), SchoolStatus.NotInSchool),
                < 65 => (EducationOf(15, 45, 35, 5, 0, 0), SchoolStatus.NotInSchool),
                _ => (EducationOf(45, 45, 10, 0, 0, 0), SchoolStatus.NotInSchool),
            };

        private EducationLevel EducationOf(int illiterate, int primary, int junior, int senior, int vocational, int college) => Pick(
        [
            (EducationLevel.Illiterate, illiterate), (EducationLevel.Primary, primary), (EducationLevel.JuniorHigh, junior),
            (EducationLevel.SeniorHigh, senior), (EducationLevel.Vocational, vocational), (EducationLevel.College, college),
        ]);

        /// <summary>Labour, work and welfare jobs, consistent with age, schooling and health.</summary>
        private void Activity(Person m)
        {
            var student = m.School != SchoolStatus.NotInSchool;
            m.Labor = m.Age < 16 || m.Age > 70 || student ? LaborSkill.None
                : m.Tekun ? LaborSkill.Lost
                : m.Health switch
                {
                    HealthStatus.Disabled => m.DisabilityGrade <= 2 ? LaborSkill.Lost : LaborSkill.Weak,
                    HealthStatus.SeriousIllness => Chance(0.5) ? LaborSkill.Lost : LaborSkill.Weak,
                    HealthStatus.ChronicIllness => Chance(0.6) ? LaborSkill.Weak : LaborSkill.Ordinary,
                    _ when m.Age >= 60 => Chance(0.5) ? LaborSkill.Weak : LaborSkill.Ordinary,
                    _ => Chance(0.15) ? LaborSkill.Skilled : LaborSkill.Ordinary,
                };
            if (m.Labor is LaborSkill.Ordinary or LaborSkill.Skilled && m.Age <= 64 && Chance(0.72))
            {
                // Most migrant labour works outside the county (县外省内/省外).
                m.Work = Pick([(WorkStatus.InTownship, 12), (WorkStatus.InCounty, 20), (WorkStatus.InProvince, 33), (WorkStatus.OutOfProvince, 35)]);
                m.WorkMonths = m.Work >= WorkStatus.InProvince ? Range(6, 13) : Range(1, 13);
            }
            else if (m.Labor == LaborSkill.Weak && m.Age <= 65 && Chance(0.2))
            {
                m.Work = Chance(0.6) ? WorkStatus.InTownship : WorkStatus.InCounty;
                m.WorkMonths = Range(1, 7);
            }
            var local = m.Work < WorkStatus.InProvince;
            if (m.Age is >= 18 and <= 65 && m.Labor is not (LaborSkill.None or LaborSkill.Lost) && local && Chance(0.04))
                m.WelfareJobMonths = Range(3, 13);
            m.FamilyPlanningAward = m.Age >= 60 && Chance(0.06);
        }

        /// <summary>Who is covered first when 低保 covers only part of the household.</summary>
        private static int Need(Person m) => (m.Health == HealthStatus.Healthy ? 0 : 2) + (m.Age >= 60 ? 2 : 0) + (m.Age < 16 ? 1 : 0)
            - (m.Labor is LaborSkill.Ordinary or LaborSkill.Skilled ? 2 : 0);

        private MemberFacts Materialize(Person m, string village, string ethnicity)
        {
            var county = village[..6];
            var birth = asOf.AddYears(-m.Age).AddDays(-rng.Next(365));
            var address = birth.Year < 2000 && LegacyCounty.TryGetValue(county, out var legacy) && Chance(0.3) ? legacy : county;
            var id = ids.Issue(address, ref birth, m.Gender);
            var insured = !Chance(0.0006); // a handful without medical insurance: gaps the 基本医疗保障 rule must find
            // Children too ill or disabled to attend are exempted and taught at home (seed 002: 送教上门13人); a few
            // exemptions lack 送教上门 — a gap the 义务教育保障 rule must find.
            var exempt = m.Age is >= 6 and <= 15
                && (m.Health == HealthStatus.SeriousIllness || (m.Health == HealthStatus.Disabled && m.DisabilityGrade <= 2)) && Chance(0.8);
            var homeSchooling = exempt && Chance(0.9);
            return new MemberFacts
            {
                Name = m.Surname + GivenName(m.Gender, birth.Year),
                IdNumber = id,
                Relationship = m.Relationship,
                Gender = m.Gender,
                BirthDate = birth,
                Ethnicity = ethnicity,
                EducationLevel = m.Education,
                SchoolStatus = exempt ? SchoolStatus.NotInSchool : m.School,
                HealthStatus = m.Health,
                DisabilityGrade = m.DisabilityGrade,
                LaborSkill = m.Labor,
                WorkStatus = m.Work,
                WorkMonths = m.WorkMonths,
                HasMedicalInsurance = insured,
                HasCriticalIllnessInsurance = insured,
                HasPensionInsurance = m.Age >= 16 && m.School == SchoolStatus.NotInSchool && Chance(0.88),
                PublicWelfareJobMonths = m.WelfareJobMonths,
                ReceivesDibao = m.Dibao,
                ReceivesTekun = m.Tekun,
                SchoolHealthExemption = exempt,
                HomeSchooling = homeSchooling,
            };
        }

        private const double LabourLevel = 1.015;

        private List<(int Year, IncomeLines Lines)> Incomes(List<Person> people, bool tekun, bool dibao, int exitYear)
        {
            var size = people.Count;
            var first = profile.FirstIncomeYear;
            var last = profile.LastIncomeYear;
            var threshold = (double)profile.MonitoringThreshold;
            var level = Plan.CategoryLevel(tekun, dibao) / plan.LevelScale * Math.Clamp(Math.Exp(0.22 * Normal(rng) - 0.0242), 0.65, 2.2);
            // Households with no one able to work earn less and live largely on transfers, including 赡养费 from
            // children living elsewhere (a transfer in the national income form).
            var labourless = !people.Any(m => m.Labor is LaborSkill.Ordinary or LaborSkill.Skilled or LaborSkill.Weak);
            level *= labourless ? 0.9 : LabourLevel;
            var otherShare = labourless ? 0.25 + 0.3 * rng.NextDouble() : 0.05 * rng.NextDouble();
            var tilt = rng.NextDouble() * 0.24 - 0.12;
            var workers = people.Count(m => m.Work != WorkStatus.None);
            var welfareMonths = people.Sum(m => m.WelfareJobMonths ?? 0);
            var wageShare = workers > 0 ? 0.5 + 0.35 * rng.NextDouble() : welfareMonths > 0 ? 0.25 : 0;
            var expenseRatio = 0.2 + 0.25 * rng.NextDouble();
            var eco = Chance(0.35) ? 80 + 520 * rng.NextDouble() : 0;
            var dividend = Chance(0.55) ? 200 + 1000 * rng.NextDouble() : 0; // 资产收益扶贫, from 2017
            var rent = Chance(0.2) ? 200 + 1300 * rng.NextDouble() : 0;
            var migrants = people.Any(m => m.Work >= WorkStatus.InProvince);
            var seriouslyIll = people.Any(m => m.Health == HealthStatus.SeriousIllness);
            // Since 2021 (DOMAIN §4) a few exited households slide to or under the monitoring threshold, and a few drop sharply.
            // At-risk households slide from their 2020 level to the dip over the years up to dipFrom, then stay there.
            var risk = last > ExitDeadline ? rng.NextDouble() : 1;
            var atRisk = risk < 0.025;
            var dip = threshold * (0.82 + 0.27 * rng.NextDouble());
            var dipFrom = Math.Max(ExitDeadline + 1, last - rng.Next(3));

            var result = new List<(int, IncomeLines)>(last - first + 1);
            double perCapita = 0, anchor = 0;
            var anchorYear = first;
            for (var y = first; y <= last; y++)
            {
                if (y <= ExitDeadline || y == first)
                {
                    perCapita = Target(y) * level * Math.Max(0.5, 1 + tilt * (y - 2017) / 3.0) * Math.Exp(0.08 * Normal(rng) - 0.0032);
                    if (y >= exitYear && y <= ExitDeadline) perCapita = Math.Max(perCapita, ExitLine(y) * (1.05 + 0.2 * rng.NextDouble()));
                    (anchor, anchorYear) = (perCapita, y);
                }
                else perCapita *= 1 + Math.Clamp(0.045 + 0.025 * Normal(rng), -0.04, 0.10);
                var sharpDrop = risk is >= 0.025 and < 0.035 && y == last;
                if (atRisk && y >= dipFrom) perCapita = dip * (0.97 + 0.06 * rng.NextDouble());
                else if (atRisk && y > ExitDeadline)
                    perCapita = anchor * Math.Pow(dip / anchor, (y - anchorYear) / (double)(dipFrom - anchorYear));
                else if (sharpDrop) perCapita *= 0.35 + 0.3 * rng.NextDouble();
                var net = perCapita * size;

                // Transfers at roughly Chongqing's rates (basic pension 80 yuan a month in 2014; 低保 tops up to the standard,
                // about 150 to 350 yuan a month a person; 特困 350 to 700), scaled down if above 92% of the net income.
                var elderly = people.Where(m => m.Age - (last - y) >= 60).ToList();
                var pension = elderly.Count * 960 * Math.Pow(1.06, y - 2014);
                var dibaoIncome = people.Count(m => m.Dibao) * Rate(1800, 4200, y);
                var tekunIncome = people.Count(m => m.Tekun) * Rate(4200, 8400, y);
                var familyPlanning = elderly.Count(m => m.FamilyPlanningAward) * 960.0;
                var industry = y is >= 2015 and <= ExitDeadline && Chance(0.35) ? 300 + 2700 * rng.NextDouble() : 0;
                var employment = migrants && y is >= 2017 and <= 2023 && Chance(0.3) ? 200 + 800 * rng.NextDouble() : 0;
                var other = net * otherShare * (0.8 + 0.4 * rng.NextDouble());
                var natural = pension + dibaoIncome + tekunIncome + familyPlanning + eco + industry + employment + other;
                var scale = Math.Min(1, 0.92 * net / natural);
                var subLines = new[] { pension, dibaoIncome, tekunIncome, eco, familyPlanning, industry, employment }
                    .Select(x => Money(x * scale)).ToArray();
                var transfer = subLines.Sum() + Money(other * scale);

                var rest = net - (double)transfer;
                var assetDividend = y >= 2017 ? dividend : 0;
                var propertyScale = Math.Min(1, 0.3 * rest / Math.Max(1, assetDividend + rent));
                var dividendLine = Money(assetDividend * propertyScale);
                var property = dividendLine + Money(rent * propertyScale);
                var wage = Money((rest - (double)property) * Math.Min(0.95, wageShare * (0.9 + 0.2 * rng.NextDouble())));
                var productionNet = Math.Max(0, rest - (double)property - (double)wage);
                var productionIncome = Money(productionNet / (1 - expenseRatio));
                var oop = sharpDrop && Chance(0.6) ? 8000 + 22000 * rng.NextDouble()
                    : Chance(0.004) ? 10000 + 25000 * rng.NextDouble()
                    : Chance(seriouslyIll ? 0.35 : 0.1) ? 300 + 4700 * rng.NextDouble() : 0;

                result.Add((y, new IncomeLines
                {
                    WageIncome = wage,
                    PublicWelfareJobIncome = Math.Min(wage, Money(welfareMonths * 600 * Math.Pow(1.05, y - 2014))),
                    ProductionIncome = productionIncome,
                    ProductionExpense = Math.Min(productionIncome, Money((double)productionIncome - productionNet)),
                    PropertyIncome = property,
                    AssetDividendIncome = dividendLine,
                    TransferIncome = transfer,
                    PensionIncome = subLines[0],
                    DibaoIncome = subLines[1],
                    TekunIncome = subLines[2],
                    EcoCompensationIncome = subLines[3],
                    FamilyPlanningIncome = subLines[4],
                    IndustrySubsidyIncome = subLines[5],
                    EmploymentSubsidyIncome = subLines[6],
                    AllowableOutOfPocket = Money(oop),
                    HouseholdSize = size,
                }));
            }
            return result;
        }

        /// <summary>
        /// Mean per-capita net income of the registered poor: 4,697 (2014) to 12,303 (2020), 17.4% a year
        /// (DOMAIN §8); about 4.5% a year after 2020.
        /// </summary>
        private static double Target(int year) => year <= ExitDeadline
            ? 4697 * Math.Pow(12303.0 / 4697, (year - 2014) / 6.0)
            : 12303 * Math.Pow(1.045, year - ExitDeadline);

        /// <summary>National poverty line, 2,300 at 2010 prices: about 2,800 in 2014 rising to about 4,000 in 2020 (DOMAIN §8).</summary>
        private static double ExitLine(int year) => 2800 + 200 * (year - 2014);

        /// <summary>A per-person allowance growing from its 2014 to its 2020 amount, then 5% a year.</summary>
        private static double Rate(double in2014, double in2020, int year) => year <= ExitDeadline
            ? in2014 * Math.Pow(in2020 / in2014, (year - 2014) / 6.0)
            : in2020 * Math.Pow(1.05, year - ExitDeadline);

        private static decimal Money(double x) => Math.Round((decimal)Math.Max(0, x), 2, MidpointRounding.AwayFromZero);

        private (double, double) Point(string village)
        {
            var county = village[..6];
            var (lat, lon) = county == "500151" ? (29.84, 106.05) // 铜梁
                : (28.5 + 3.0 * Unit(county, 1), 105.5 + 4.5 * Unit(county, 2)); // somewhere in Chongqing's box
            lat += 0.36 * (Unit(village, 3) - 0.5) + 0.03 * (rng.NextDouble() - 0.5);
            lon += 0.36 * (Unit(village, 4) - 0.5) + 0.03 * (rng.NextDouble() - 0.5);
            return (Math.Round(lat, 6), Math.Round(lon, 6));
        }

        private string Ethnicity() => Pick([("01", 983), ("15", 11), ("06", 6)]); // 汉, a few 土家族 and 苗族

        private string Surname(string? other)
        {
            while (true)
            {
                var u = rng.Next(SurnameTotal);
                foreach (var (value, weight) in Surnames)
                {
                    if ((u -= weight) >= 0) continue;
                    if (value != other) return value;
                    break;
                }
            }
        }

        private string GivenName(Gender gender, int birthYear)
        {
            var chars = (gender == Gender.Male, birthYear >= 1995) switch
            {
                (true, false) => MaleOld, (true, true) => MaleNew, (false, false) => FemaleOld, _ => FemaleNew,
            };
            var name = chars[rng.Next(chars.Length)].ToString();
            return Chance(0.78) ? name + chars[rng.Next(chars.Length)] : name;
        }

        private bool Chance(double p) => rng.NextDouble() < p;
        private int Range(int min, int maxExclusive) => rng.Next(min, maxExclusive);

        private T Pick<T>((T Value, int Weight)[] table)
        {
            var u = rng.Next(table.Sum(t => t.Weight));
            foreach (var (value, weight) in table)
                if ((u -= weight) < 0) return value;
            throw new InvalidOperationException("unreachable");
        }
    }

    /// <summary>
    /// Issues unique ID numbers: per address code, birth date and sex a counter picks the next free 3-digit sequence
    /// (odd for men, even for women), starting from a per-day offset so that sequences look spread out.
    /// </summary>
    private sealed class IdIssuer(int lastYear)
    {
        private const int PerDay = 499;
        private static readonly DateOnly Origin = new(1900, 1, 1);
        private const int ChunkBits = 10;
        private readonly int chunks = ((new DateOnly(lastYear, 12, 31).DayNumber - Origin.DayNumber + 1) * 2 >> ChunkBits) + 1;
        // Counters in chunks of 1,024 slots allocated on first use: a national sample touches ~2,900 county codes,
        // and a full array per code (about 180 KB) would cost half a gigabyte.
        private readonly Dictionary<string, ushort[]?[]> counters = new(StringComparer.Ordinal);

        public string Issue(string address, ref DateOnly birth, Gender gender)
        {
            if (!counters.TryGetValue(address, out var counter)) counters[address] = counter = new ushort[]?[chunks];
            var male = gender == Gender.Male;
            while (true)
            {
                var day = birth.DayNumber - Origin.DayNumber;
                var slot = 2 * day + (male ? 1 : 0);
                var chunk = counter[slot >> ChunkBits] ??= new ushort[1 << ChunkBits];
                ref var used = ref chunk[slot & ((1 << ChunkBits) - 1)];
                if (used < PerDay)
                {
                    var offset = (int)(Hash(address, (ulong)slot) % PerDay);
                    var sequence = 2 * (1 + (offset + used++) % PerDay) - (male ? 1 : 0);
                    return IdNumberRule.Compose(address, birth, sequence, gender);
                }
                birth = birth.AddDays(-1); // all sequences of this day taken: the person is a day older
            }
        }
    }

    /// <summary>Stable in [0, 1) for a code (string.GetHashCode is randomised per process).</summary>
    private static double Unit(string code, ulong salt) => (Hash(code, salt) >> 11) / (double)(1UL << 53);

    private static ulong Hash(string code, ulong salt)
    {
        var h = 14695981039346656037UL ^ salt;
        foreach (var c in code) h = (h ^ c) * 1099511628211UL;
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        return h ^ (h >> 33);
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
