using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jingzhun.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Action = table.Column<int>(type: "INTEGER", nullable: false),
                    EntityType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EntityId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Changes = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cadres",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PhoneProtected = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    PhoneMasked = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    ActiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ActiveTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cadres", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exit_standards",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProvinceCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    PovertyLine = table.Column<long>(type: "INTEGER", nullable: false),
                    IncidenceMaxPercent = table.Column<long>(type: "INTEGER", nullable: false),
                    WrongExitMaxPercent = table.Column<long>(type: "INTEGER", nullable: false),
                    MissedMaxPercent = table.Column<long>(type: "INTEGER", nullable: false),
                    RecognitionMinPercent = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exit_standards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "guarantee_policies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProvinceCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    SchoolAgeFrom = table.Column<int>(type: "INTEGER", nullable: false),
                    SchoolAgeTo = table.Column<int>(type: "INTEGER", nullable: false),
                    SafeHousingGrades = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    WaterLitresPerPersonDay = table.Column<long>(type: "INTEGER", nullable: false),
                    WaterLitresPerPersonDayShortArea = table.Column<long>(type: "INTEGER", nullable: false),
                    WaterFetchMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    WaterHorizontalMetres = table.Column<int>(type: "INTEGER", nullable: false),
                    WaterVerticalMetres = table.Column<int>(type: "INTEGER", nullable: false),
                    WaterCutoffDaysPerYear = table.Column<int>(type: "INTEGER", nullable: false),
                    DeadlineDaysUrgent = table.Column<int>(type: "INTEGER", nullable: false),
                    DeadlineDaysNormal = table.Column<int>(type: "INTEGER", nullable: false),
                    DeadlineDaysMinor = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guarantee_policies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "households",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HouseholdNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Attribute = table.Column<int>(type: "INTEGER", nullable: true),
                    IdentifiedYear = table.Column<int>(type: "INTEGER", nullable: true),
                    ExitYear = table.Column<int>(type: "INTEGER", nullable: true),
                    IdentificationStandard = table.Column<int>(type: "INTEGER", nullable: true),
                    MainCause = table.Column<int>(type: "INTEGER", nullable: true),
                    SecondCause = table.Column<int>(type: "INTEGER", nullable: true),
                    ThirdCause = table.Column<int>(type: "INTEGER", nullable: true),
                    Class321 = table.Column<int>(type: "INTEGER", nullable: true),
                    IsDibao = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsTekun = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsRelocated = table.Column<bool>(type: "INTEGER", nullable: false),
                    SettlementSite = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RelocationKeysReceived = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsMilitaryFamily = table.Column<bool>(type: "INTEGER", nullable: false),
                    HasDangerousHouseRenovation = table.Column<bool>(type: "INTEGER", nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PhoneProtected = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    PhoneMasked = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    HousingGrade = table.Column<int>(type: "INTEGER", nullable: true),
                    FoodSecure = table.Column<bool>(type: "INTEGER", nullable: true),
                    ClothingSecure = table.Column<bool>(type: "INTEGER", nullable: true),
                    WaterLitresPerPersonDay = table.Column<long>(type: "INTEGER", nullable: true),
                    WaterQualityPassed = table.Column<bool>(type: "INTEGER", nullable: true),
                    WaterPiped = table.Column<bool>(type: "INTEGER", nullable: true),
                    WaterFetchMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    WaterHorizontalMetres = table.Column<int>(type: "INTEGER", nullable: true),
                    WaterVerticalMetres = table.Column<int>(type: "INTEGER", nullable: true),
                    WaterCutoffDaysPerYear = table.Column<int>(type: "INTEGER", nullable: true),
                    WaterShortArea = table.Column<bool>(type: "INTEGER", nullable: false),
                    HasElectricity = table.Column<bool>(type: "INTEGER", nullable: true),
                    HasHardenedRoad = table.Column<bool>(type: "INTEGER", nullable: true),
                    HasBroadband = table.Column<bool>(type: "INTEGER", nullable: true),
                    HasSanitaryToilet = table.Column<bool>(type: "INTEGER", nullable: true),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    HeadName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Size = table.Column<int>(type: "INTEGER", nullable: false),
                    LatestIncomeYear = table.Column<int>(type: "INTEGER", nullable: true),
                    LatestPerCapitaIncome = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_households", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "jobs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Parameters = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CancelRequested = table.Column<bool>(type: "INTEGER", nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Done = table.Column<int>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_jobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "monitoring_policies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProvinceCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Threshold = table.Column<long>(type: "INTEGER", nullable: false),
                    NearBand = table.Column<long>(type: "INTEGER", precision: 5, scale: 4, nullable: false),
                    IncomeDropTrigger = table.Column<long>(type: "INTEGER", precision: 5, scale: 4, nullable: false),
                    OutOfPocketTrigger = table.Column<long>(type: "INTEGER", nullable: false),
                    DecisionDays = table.Column<int>(type: "INTEGER", nullable: false),
                    PublicityDays = table.Column<int>(type: "INTEGER", nullable: false),
                    EliminationMinMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    EliminationMinMeasures = table.Column<int>(type: "INTEGER", nullable: false),
                    EliminationStableYears = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_monitoring_policies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "regions",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    ParentCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    IsNationalKeyCounty = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsCityKeyCounty = table.Column<bool>(type: "INTEGER", nullable: false),
                    CountyClass = table.Column<int>(type: "INTEGER", nullable: true),
                    RuralPopulation = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_regions", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "registry_snapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Households = table.Column<int>(type: "INTEGER", nullable: false),
                    People = table.Column<int>(type: "INTEGER", nullable: false),
                    ExitedHouseholds = table.Column<int>(type: "INTEGER", nullable: false),
                    NotExitedHouseholds = table.Column<int>(type: "INTEGER", nullable: false),
                    MonitoredHouseholds = table.Column<int>(type: "INTEGER", nullable: false),
                    OrdinaryHouseholds = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_snapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "review_meetings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TownshipCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Attendees = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_meetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "stored_files",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stored_files", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "visit_policies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    FestivalDaysBefore = table.Column<int>(type: "INTEGER", nullable: false),
                    FestivalDaysAfter = table.Column<int>(type: "INTEGER", nullable: false),
                    EmergencyDays = table.Column<int>(type: "INTEGER", nullable: false),
                    PairingGraceDays = table.Column<int>(type: "INTEGER", nullable: false),
                    GpsThresholdMetres = table.Column<int>(type: "INTEGER", nullable: false),
                    LateEntryDays = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxVisitsPerDay = table.Column<int>(type: "INTEGER", nullable: false),
                    TownshipSwitchMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_visit_policies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "work_teams",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FirstSecretaryId = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_work_teams", x => x.Id);
                    table.ForeignKey(
                        name: "FK_work_teams_cadres_FirstSecretaryId",
                        column: x => x.FirstSecretaryId,
                        principalTable: "cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "emergency_flags",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    FlaggedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_flags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_emergency_flags_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "household_assessments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Dimension = table.Column<int>(type: "INTEGER", nullable: false),
                    Verdict = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    AssessedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_household_assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_household_assessments_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "household_exits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Stage = table.Column<int>(type: "INTEGER", nullable: false),
                    Log = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_household_exits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_household_exits_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "household_incomes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    WageIncome = table.Column<long>(type: "INTEGER", nullable: false),
                    PublicWelfareJobIncome = table.Column<long>(type: "INTEGER", nullable: false),
                    ProductionIncome = table.Column<long>(type: "INTEGER", nullable: false),
                    ProductionExpense = table.Column<long>(type: "INTEGER", nullable: false),
                    PropertyIncome = table.Column<long>(type: "INTEGER", nullable: false),
                    AssetDividendIncome = table.Column<long>(type: "INTEGER", nullable: false),
                    TransferIncome = table.Column<long>(type: "INTEGER", nullable: false),
                    PensionIncome = table.Column<long>(type: "INTEGER", nullable: false),
                    DibaoIncome = table.Column<long>(type: "INTEGER", nullable: false),
                    TekunIncome = table.Column<long>(type: "INTEGER", nullable: false),
                    EcoCompensationIncome = table.Column<long>(type: "INTEGER", nullable: false),
                    FamilyPlanningIncome = table.Column<long>(type: "INTEGER", nullable: false),
                    IndustrySubsidyIncome = table.Column<long>(type: "INTEGER", nullable: false),
                    EmploymentSubsidyIncome = table.Column<long>(type: "INTEGER", nullable: false),
                    AllowableOutOfPocket = table.Column<long>(type: "INTEGER", nullable: false),
                    HouseholdSize = table.Column<int>(type: "INTEGER", nullable: false),
                    NetIncome = table.Column<long>(type: "INTEGER", nullable: false),
                    PerCapitaNetIncome = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_household_incomes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_household_incomes_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "members",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    IdNumberCipher = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    IdNumberHash = table.Column<string>(type: "TEXT", maxLength: 44, nullable: false),
                    IdNumberMasked = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    IsLegacyIdNumber = table.Column<bool>(type: "INTEGER", nullable: false),
                    Relationship = table.Column<int>(type: "INTEGER", nullable: false),
                    Gender = table.Column<int>(type: "INTEGER", nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Ethnicity = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    EducationLevel = table.Column<int>(type: "INTEGER", nullable: true),
                    SchoolStatus = table.Column<int>(type: "INTEGER", nullable: false),
                    HealthStatus = table.Column<int>(type: "INTEGER", nullable: false),
                    DisabilityGrade = table.Column<int>(type: "INTEGER", nullable: true),
                    LaborSkill = table.Column<int>(type: "INTEGER", nullable: false),
                    WorkStatus = table.Column<int>(type: "INTEGER", nullable: false),
                    WorkMonths = table.Column<int>(type: "INTEGER", nullable: true),
                    HasMedicalInsurance = table.Column<bool>(type: "INTEGER", nullable: false),
                    HasCriticalIllnessInsurance = table.Column<bool>(type: "INTEGER", nullable: false),
                    HasPensionInsurance = table.Column<bool>(type: "INTEGER", nullable: false),
                    PublicWelfareJobMonths = table.Column<int>(type: "INTEGER", nullable: true),
                    ReceivesDibao = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReceivesTekun = table.Column<bool>(type: "INTEGER", nullable: false),
                    SchoolHealthExemption = table.Column<bool>(type: "INTEGER", nullable: false),
                    HomeSchooling = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    LeftOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LeftNote = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_members_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "monitoring_cases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Stage = table.Column<int>(type: "INTEGER", nullable: false),
                    StatusBefore = table.Column<int>(type: "INTEGER", nullable: false),
                    LeadAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ProposedKind = table.Column<int>(type: "INTEGER", nullable: true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: true),
                    RiskTypes = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    MonitoredSince = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NotIncludedReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ResponsibleCadre = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Plan = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    EliminatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_monitoring_cases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_monitoring_cases_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "pairings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: false),
                    CadreId = table.Column<long>(type: "INTEGER", nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pairings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_pairings_cadres_CadreId",
                        column: x => x.CadreId,
                        principalTable: "cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_pairings_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "problems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Dimension = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    Severity = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    FoundAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FoundBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AssignedUnit = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AssignedPerson = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    AssignedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    EvidenceText = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    EvidencePhotoIds = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    VerifiedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    VerifiedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ReturnReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ReturnCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_problems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_problems_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "risk_leads",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<int>(type: "INTEGER", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CaseId = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_risk_leads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_risk_leads_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "visits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CadreId = table.Column<long>(type: "INTEGER", nullable: false),
                    VisitedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EnteredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    Accuracy = table.Column<double>(type: "REAL", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    UpdateState = table.Column<int>(type: "INTEGER", nullable: false),
                    HouseholdUpdateJson = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    UpdateBaseVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    ProblemIds = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LeadIds = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_visits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_visits_cadres_CadreId",
                        column: x => x.CadreId,
                        principalTable: "cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_visits_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "registry_snapshot_rows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SnapshotId = table.Column<long>(type: "INTEGER", nullable: false),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: false),
                    HouseholdNumber = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    HeadName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Attribute = table.Column<int>(type: "INTEGER", nullable: true),
                    Size = table.Column<int>(type: "INTEGER", nullable: false),
                    IncomeYear = table.Column<int>(type: "INTEGER", nullable: true),
                    PerCapitaIncome = table.Column<long>(type: "INTEGER", nullable: true),
                    MainCause = table.Column<int>(type: "INTEGER", nullable: true),
                    Class321 = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_snapshot_rows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_registry_snapshot_rows_registry_snapshots_SnapshotId",
                        column: x => x.SnapshotId,
                        principalTable: "registry_snapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "review_items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReviewMeetingId = table.Column<long>(type: "INTEGER", nullable: false),
                    ProblemId = table.Column<long>(type: "INTEGER", nullable: true),
                    RiskLeadId = table.Column<long>(type: "INTEGER", nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ActedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ResolvedOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_review_items_review_meetings_ReviewMeetingId",
                        column: x => x.ReviewMeetingId,
                        principalTable: "review_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "work_logs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CadreId = table.Column<long>(type: "INTEGER", nullable: true),
                    WorkTeamId = table.Column<long>(type: "INTEGER", nullable: true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ProjectName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_work_logs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_work_logs_cadres_CadreId",
                        column: x => x.CadreId,
                        principalTable: "cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_work_logs_work_teams_WorkTeamId",
                        column: x => x.WorkTeamId,
                        principalTable: "work_teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "work_team_members",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkTeamId = table.Column<long>(type: "INTEGER", nullable: false),
                    CadreId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_work_team_members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_work_team_members_cadres_CadreId",
                        column: x => x.CadreId,
                        principalTable: "cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_work_team_members_work_teams_WorkTeamId",
                        column: x => x.WorkTeamId,
                        principalTable: "work_teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "assistance_measures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Category = table.Column<int>(type: "INTEGER", nullable: false),
                    RiskType = table.Column<int>(type: "INTEGER", nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Amount = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assistance_measures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_assistance_measures_monitoring_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "monitoring_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "monitoring_case_steps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    Step = table.Column<int>(type: "INTEGER", nullable: false),
                    FromStage = table.Column<int>(type: "INTEGER", nullable: false),
                    ToStage = table.Column<int>(type: "INTEGER", nullable: false),
                    Fields = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_monitoring_case_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_monitoring_case_steps_monitoring_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "monitoring_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "problem_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProblemId = table.Column<long>(type: "INTEGER", nullable: false),
                    From = table.Column<int>(type: "INTEGER", nullable: true),
                    To = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_problem_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_problem_events_problems_ProblemId",
                        column: x => x.ProblemId,
                        principalTable: "problems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "visit_photos",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    VisitId = table.Column<long>(type: "INTEGER", nullable: true),
                    StoredFileId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TakenAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ExifLatitude = table.Column<double>(type: "REAL", nullable: true),
                    ExifLongitude = table.Column<double>(type: "REAL", nullable: true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_visit_photos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_visit_photos_stored_files_StoredFileId",
                        column: x => x.StoredFileId,
                        principalTable: "stored_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_visit_photos_visits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "visits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "work_log_households",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkLogId = table.Column<long>(type: "INTEGER", nullable: false),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_work_log_households", x => x.Id);
                    table.ForeignKey(
                        name: "FK_work_log_households_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_work_log_households_work_logs_WorkLogId",
                        column: x => x.WorkLogId,
                        principalTable: "work_logs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "work_log_photos",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkLogId = table.Column<long>(type: "INTEGER", nullable: false),
                    StoredFileId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_work_log_photos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_work_log_photos_stored_files_StoredFileId",
                        column: x => x.StoredFileId,
                        principalTable: "stored_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_work_log_photos_work_logs_WorkLogId",
                        column: x => x.WorkLogId,
                        principalTable: "work_logs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_RegionCode",
                table: "AspNetUsers",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_assistance_measures_CaseId",
                table: "assistance_measures",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_At",
                table: "audit_entries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_HouseholdId_At",
                table: "audit_entries",
                columns: new[] { "HouseholdId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_RegionCode_At",
                table: "audit_entries",
                columns: new[] { "RegionCode", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_cadres_RegionCode",
                table: "cadres",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_cadres_UserId",
                table: "cadres",
                column: "UserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_emergency_flags_HouseholdId",
                table: "emergency_flags",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_emergency_flags_VillageCode_FlaggedOn",
                table: "emergency_flags",
                columns: new[] { "VillageCode", "FlaggedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_exit_standards_ProvinceCode_Year",
                table: "exit_standards",
                columns: new[] { "ProvinceCode", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_guarantee_policies_ProvinceCode_Year",
                table: "guarantee_policies",
                columns: new[] { "ProvinceCode", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_household_assessments_HouseholdId_Dimension",
                table: "household_assessments",
                columns: new[] { "HouseholdId", "Dimension" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_household_assessments_VillageCode_Dimension_Verdict",
                table: "household_assessments",
                columns: new[] { "VillageCode", "Dimension", "Verdict" });

            migrationBuilder.CreateIndex(
                name: "IX_household_exits_HouseholdId_Year",
                table: "household_exits",
                columns: new[] { "HouseholdId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_household_exits_VillageCode_Stage",
                table: "household_exits",
                columns: new[] { "VillageCode", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_household_incomes_CountyCode_Year",
                table: "household_incomes",
                columns: new[] { "CountyCode", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_household_incomes_HouseholdId_Year",
                table: "household_incomes",
                columns: new[] { "HouseholdId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_households_dashboard",
                table: "households",
                columns: new[] { "VillageCode", "Status", "Size", "Attribute", "MainCause", "Class321", "LatestIncomeYear", "LatestPerCapitaIncome" });

            migrationBuilder.CreateIndex(
                name: "IX_households_HeadName",
                table: "households",
                column: "HeadName");

            migrationBuilder.CreateIndex(
                name: "IX_households_HouseholdNumber",
                table: "households",
                column: "HouseholdNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_households_village_number",
                table: "households",
                columns: new[] { "VillageCode", "HouseholdNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_jobs_Status_Id",
                table: "jobs",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_members_household",
                table: "members",
                columns: new[] { "HouseholdId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_members_Name",
                table: "members",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_members_person",
                table: "members",
                column: "IdNumberHash");

            migrationBuilder.CreateIndex(
                name: "UX_members_active_person",
                table: "members",
                column: "IdNumberHash",
                unique: true,
                filter: "\"Status\" = 0");

            migrationBuilder.CreateIndex(
                name: "UX_members_one_head",
                table: "members",
                column: "HouseholdId",
                unique: true,
                filter: "\"Relationship\" = 1 AND \"Status\" = 0");

            migrationBuilder.CreateIndex(
                name: "IX_monitoring_case_steps_CaseId_At",
                table: "monitoring_case_steps",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_monitoring_cases_VillageCode_Stage",
                table: "monitoring_cases",
                columns: new[] { "VillageCode", "Stage" });

            migrationBuilder.CreateIndex(
                name: "UX_monitoring_cases_one_active",
                table: "monitoring_cases",
                column: "HouseholdId",
                unique: true,
                filter: "\"Stage\" <> 8 AND \"Stage\" <> 13");

            migrationBuilder.CreateIndex(
                name: "IX_monitoring_policies_ProvinceCode_Year",
                table: "monitoring_policies",
                columns: new[] { "ProvinceCode", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_pairings_CadreId_EndedOn",
                table: "pairings",
                columns: new[] { "CadreId", "EndedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_pairings_ChangedAt",
                table: "pairings",
                column: "ChangedAt");

            migrationBuilder.CreateIndex(
                name: "IX_pairings_VillageCode_EndedOn",
                table: "pairings",
                columns: new[] { "VillageCode", "EndedOn" });

            migrationBuilder.CreateIndex(
                name: "UX_pairings_one_active",
                table: "pairings",
                column: "HouseholdId",
                unique: true,
                filter: "\"EndedOn\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_problem_events_ProblemId_At",
                table: "problem_events",
                columns: new[] { "ProblemId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_problems_FoundAt",
                table: "problems",
                column: "FoundAt");

            migrationBuilder.CreateIndex(
                name: "IX_problems_HouseholdId_Status",
                table: "problems",
                columns: new[] { "HouseholdId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_problems_VillageCode_Status",
                table: "problems",
                columns: new[] { "VillageCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "UX_problems_one_open",
                table: "problems",
                columns: new[] { "HouseholdId", "Dimension" },
                unique: true,
                filter: "\"Status\" <> 5");

            migrationBuilder.CreateIndex(
                name: "IX_regions_Name",
                table: "regions",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_regions_ParentCode",
                table: "regions",
                column: "ParentCode");

            migrationBuilder.CreateIndex(
                name: "IX_registry_snapshot_rows_SnapshotId_HouseholdId",
                table: "registry_snapshot_rows",
                columns: new[] { "SnapshotId", "HouseholdId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_registry_snapshots_RegionCode_Year",
                table: "registry_snapshots",
                columns: new[] { "RegionCode", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_review_items_ReviewMeetingId",
                table: "review_items",
                column: "ReviewMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_review_meetings_TownshipCode_HeldOn",
                table: "review_meetings",
                columns: new[] { "TownshipCode", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_risk_leads_CaseId",
                table: "risk_leads",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_risk_leads_VillageCode_Status",
                table: "risk_leads",
                columns: new[] { "VillageCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "UX_risk_leads_one_open",
                table: "risk_leads",
                columns: new[] { "HouseholdId", "Reason" },
                unique: true,
                filter: "\"Status\" <= 2 AND \"Reason\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_stored_files_Sha256",
                table: "stored_files",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_visit_photos_ClientId",
                table: "visit_photos",
                column: "ClientId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_visit_photos_Sha256",
                table: "visit_photos",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_visit_photos_StoredFileId",
                table: "visit_photos",
                column: "StoredFileId");

            migrationBuilder.CreateIndex(
                name: "IX_visit_photos_VisitId",
                table: "visit_photos",
                column: "VisitId");

            migrationBuilder.CreateIndex(
                name: "IX_visit_policies_CountyCode_Year",
                table: "visit_policies",
                columns: new[] { "CountyCode", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_visits_CadreId_VisitedAt",
                table: "visits",
                columns: new[] { "CadreId", "VisitedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_visits_ClientId",
                table: "visits",
                column: "ClientId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_visits_HouseholdId_VisitedAt",
                table: "visits",
                columns: new[] { "HouseholdId", "VisitedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_visits_VillageCode_VisitedAt",
                table: "visits",
                columns: new[] { "VillageCode", "VisitedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_work_log_households_HouseholdId",
                table: "work_log_households",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_work_log_households_WorkLogId",
                table: "work_log_households",
                column: "WorkLogId");

            migrationBuilder.CreateIndex(
                name: "IX_work_log_photos_StoredFileId",
                table: "work_log_photos",
                column: "StoredFileId");

            migrationBuilder.CreateIndex(
                name: "IX_work_log_photos_WorkLogId",
                table: "work_log_photos",
                column: "WorkLogId");

            migrationBuilder.CreateIndex(
                name: "IX_work_logs_CadreId",
                table: "work_logs",
                column: "CadreId");

            migrationBuilder.CreateIndex(
                name: "IX_work_logs_RegionCode_Date",
                table: "work_logs",
                columns: new[] { "RegionCode", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_work_logs_WorkTeamId",
                table: "work_logs",
                column: "WorkTeamId");

            migrationBuilder.CreateIndex(
                name: "IX_work_team_members_CadreId",
                table: "work_team_members",
                column: "CadreId");

            migrationBuilder.CreateIndex(
                name: "IX_work_team_members_WorkTeamId_CadreId",
                table: "work_team_members",
                columns: new[] { "WorkTeamId", "CadreId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_work_teams_FirstSecretaryId",
                table: "work_teams",
                column: "FirstSecretaryId");

            migrationBuilder.CreateIndex(
                name: "IX_work_teams_VillageCode",
                table: "work_teams",
                column: "VillageCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "assistance_measures");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "emergency_flags");

            migrationBuilder.DropTable(
                name: "exit_standards");

            migrationBuilder.DropTable(
                name: "guarantee_policies");

            migrationBuilder.DropTable(
                name: "household_assessments");

            migrationBuilder.DropTable(
                name: "household_exits");

            migrationBuilder.DropTable(
                name: "household_incomes");

            migrationBuilder.DropTable(
                name: "jobs");

            migrationBuilder.DropTable(
                name: "members");

            migrationBuilder.DropTable(
                name: "monitoring_case_steps");

            migrationBuilder.DropTable(
                name: "monitoring_policies");

            migrationBuilder.DropTable(
                name: "pairings");

            migrationBuilder.DropTable(
                name: "problem_events");

            migrationBuilder.DropTable(
                name: "regions");

            migrationBuilder.DropTable(
                name: "registry_snapshot_rows");

            migrationBuilder.DropTable(
                name: "review_items");

            migrationBuilder.DropTable(
                name: "risk_leads");

            migrationBuilder.DropTable(
                name: "visit_photos");

            migrationBuilder.DropTable(
                name: "visit_policies");

            migrationBuilder.DropTable(
                name: "work_log_households");

            migrationBuilder.DropTable(
                name: "work_log_photos");

            migrationBuilder.DropTable(
                name: "work_team_members");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "monitoring_cases");

            migrationBuilder.DropTable(
                name: "problems");

            migrationBuilder.DropTable(
                name: "registry_snapshots");

            migrationBuilder.DropTable(
                name: "review_meetings");

            migrationBuilder.DropTable(
                name: "visits");

            migrationBuilder.DropTable(
                name: "stored_files");

            migrationBuilder.DropTable(
                name: "work_logs");

            migrationBuilder.DropTable(
                name: "households");

            migrationBuilder.DropTable(
                name: "work_teams");

            migrationBuilder.DropTable(
                name: "cadres");
        }
    }
}
