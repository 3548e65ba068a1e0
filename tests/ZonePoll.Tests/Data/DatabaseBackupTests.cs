using System.Diagnostics;
using System.Net;
using System.Runtime.Versioning;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Data;

namespace ZonePoll.Tests.Data;

public class DatabaseBackupTests
{
    private const int SavesPerRep = 12;

    private static async Task<List<(int Version, int Entries)>> WorksheetsIn(string databaseFile)
    {
        await using var connection = new SqliteConnection($"Data Source={databaseFile};Pooling=False");
        await connection.OpenAsync();
        await using var integrity = connection.CreateCommand();
        integrity.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", await integrity.ExecuteScalarAsync());
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT w."Version", (SELECT COUNT(*) FROM "Entries" e WHERE e."WorksheetId" = w."Id") FROM "Worksheets" w""";
        var worksheets = new List<(int, int)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            worksheets.Add((reader.GetInt32(0), reader.GetInt32(1)));
        }

        return worksheets;
    }

    [Fact]
    public async Task ABackupTakenWhileRepsKeepSavingIsConsistentAndARestoredCopySignsIn()
    {
        string backup;
        TeamSetup team;
        string managerEmail;
        using (var live = ZonePollFactory.OnSqlite())
        {
            team = await live.CreateTeamAsync(reps: 3);
            managerEmail = await live.WithDbAsync(db => db.Users.Where(u => u.Id == team.ManagerId).Select(u => u.Email!).SingleAsync());
            // Save n of each rep holds n customers (1 to 10, then again), so a worksheet's version says how many rows it must have.
            var underway = team.RepIds.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
            var saving = team.RepIds.Select(async (repId, r) =>
            {
                var rep = live.CreateClientFor(repId);
                for (var save = 0; save < SavesPerRep; save++)
                {
                    var rows = Enumerable.Range(0, (save % 10) + 1).Select(i => ($"Customer {i}", "Expectations", "Standard", (string?)null)).ToArray();
                    await rep.SaveWorksheetAsync(team.MeetingId, rows);
                    if (save == 1)
                    {
                        underway[r].SetResult();
                    }
                }
            }).ToList();

            // Every rep has saved twice and is still saving when the copy starts. A failing save fails the test here
            // rather than leaving it waiting for a second save that never comes.
            var allSaving = Task.WhenAll(saving);
            await Task.WhenAny(Task.WhenAll(underway.Select(u => u.Task)), allSaving);
            if (allSaving.IsFaulted)
            {
                await allSaving;
            }

            backup = Path.Combine(ZonePollFactory.NewFolder(), "copy.db");
            await DatabaseBackup.BackupAsync(live.Services, backup);
            await allSaving;
        }

        var copied = await WorksheetsIn(backup);
        Assert.Equal(3, copied.Count);
        Assert.All(copied, w => Assert.Equal(((w.Version - 1) % 10) + 1, w.Entries));

        var restoredFolder = ZonePollFactory.NewFolder();
        Directory.CreateDirectory(restoredFolder);
        File.Copy(backup, Path.Combine(restoredFolder, "zonepoll.db"));
        using var restored = ZonePollFactory.OverFolder(restoredFolder, keepFiles: false, DatabaseProvider.Sqlite);
        var client = restored.CreateAnonymousClient();
        var signIn = await client.GetDocumentAsync("/Identity/Account/Login");
        using var signedIn = await client.SubmitAsync(signIn.Form(), new Dictionary<string, string?>
        {
            ["Input.Email"] = managerEmail,
            ["Input.Password"] = "correct horse battery",
        });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var teamPage = await client.GetDocumentAsync($"/teams/{team.TeamId}");
        Assert.Contains("Sales North", teamPage.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBackupSwitchCopiesTheConfiguredDatabaseExitsAndNeverOverwrites()
    {
        using var live = ZonePollFactory.OnSqlite();
        var team = await live.CreateTeamAsync(reps: 1);
        await live.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId, ("Acme", "Surprises", "Key", null));
        var target = Path.Combine(ZonePollFactory.NewFolder(), "nightly", "zonepoll-backup.db");

        var (first, firstLog) = await RunAppAsync(live.DatabasePath, "--backup", target);
        var (second, secondLog) = await RunAppAsync(live.DatabasePath, "--backup", target);

        Assert.True(first == 0, $"exit {first}:\n{firstLog}");
        Assert.Contains("Backed up the database to", firstLog, StringComparison.Ordinal);
        Assert.Equal([(2, 1)], await WorksheetsInWithRepCount(target));
        Assert.True(second == 1, $"exit {second}:\n{secondLog}");
        Assert.Contains("already exists", secondLog, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task ABackupIsReadableAndWritableByItsOwnerAlone()
    {
        using var live = ZonePollFactory.OnSqlite();
        await live.CreateTeamAsync(reps: 1);
        var backup = Path.Combine(ZonePollFactory.NewFolder(), "copy.db");

        await DatabaseBackup.BackupAsync(live.Services, backup);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backup));
    }

    [Fact]
    public async Task ABackupHoldsNoSigningKeysSoARestoredCopyMakesItsOwn()
    {
        using var live = ZonePollFactory.OnSqlite();
        await live.CreateTeamAsync(reps: 1);
        // Showing the sign-in page makes the first key: its form token is protected with it.
        await live.CreateAnonymousClient().GetDocumentAsync("/Identity/Account/Login");
        var keys = await live.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.FriendlyName!).ToListAsync());
        Assert.NotEmpty(keys);
        var backup = Path.Combine(ZonePollFactory.NewFolder(), "copy.db");

        await DatabaseBackup.BackupAsync(live.Services, backup);

        await using (var connection = new SqliteConnection($"Data Source={backup};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT (SELECT COUNT(*) FROM "DataProtectionKeys"), (SELECT COUNT(*) FROM "AspNetUsers")""";
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.Equal(0, reader.GetInt32(0));
            Assert.Equal(2, reader.GetInt32(1));
        }

        // Not in the file's free pages either.
        var bytes = System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(backup));
        Assert.All(keys, key => Assert.DoesNotContain(key, bytes, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("masterKey", bytes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBackupSwitchOnADatabaseThatDoesNotExistFailsAndCreatesNothing()
    {
        var missingFolder = ZonePollFactory.NewFolder();
        var missing = Path.Combine(missingFolder, "zonepoll.db");
        var targetFolder = ZonePollFactory.NewFolder();
        var target = Path.Combine(targetFolder, "zonepoll-backup.db");

        var (exit, log) = await RunAppAsync(missing, "--backup", target);

        Assert.True(exit != 0, $"exit {exit}:\n{log}");
        Assert.Contains($"{missing} does not exist", log, StringComparison.Ordinal);
        Assert.False(Directory.Exists(missingFolder), $"{missingFolder} was created");
        Assert.False(Directory.Exists(targetFolder), $"{targetFolder} was created");
    }

    private static async Task<List<(int Users, int Entries)>> WorksheetsInWithRepCount(string databaseFile)
    {
        await using var connection = new SqliteConnection($"Data Source={databaseFile};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT (SELECT COUNT(*) FROM "AspNetUsers"), (SELECT COUNT(*) FROM "Entries")""";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return [(reader.GetInt32(0), reader.GetInt32(1))];
    }

    /// <summary>The app's own build output, run as a process the way an operator would.</summary>
    private static async Task<(int ExitCode, string Log)> RunAppAsync(string databaseFile, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(Repository.BuiltAppDll());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__ZonePoll"] = $"Data Source={databaseFile}";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
