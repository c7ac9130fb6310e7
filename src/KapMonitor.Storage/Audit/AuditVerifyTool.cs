using System.Globalization;
using Microsoft.Data.Sqlite;

namespace KapMonitor.Storage;

/// <summary>The body of <c>kapmon audit verify --journal FILE</c>.</summary>
public static class AuditVerifyTool
{
    /// <summary>Exit code: every chain verifies.</summary>
    public const int Intact = 0;

    /// <summary>Exit code: at least one chain is broken.</summary>
    public const int Broken = 1;

    /// <summary>Exit code: the file could not be read as a journal.</summary>
    public const int Unreadable = 2;

    /// <summary>Verifies <paramref name="path"/>, writes a report to <paramref name="output"/> and returns the exit code.</summary>
    public static int Run(string path, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        AuditVerifyResult result;
        try
        {
            result = AuditVerifier.Verify(path);
        }
        catch (FileNotFoundException)
        {
            output.WriteLine($"audit verify: {path}: no such file. Pass the journal path with --journal (default /var/lib/kapmon/journal.db).");
            return Unreadable;
        }
        catch (SqliteException ex)
        {
            output.WriteLine($"audit verify: {path}: not a readable KapMonitor journal ({ex.Message}).");
            return Unreadable;
        }

        var inv = CultureInfo.InvariantCulture;
        if (result.IsIntact)
        {
            output.WriteLine(string.Create(inv, $"audit verify: OK: {result.Records} clinical records in {result.Rooms} rooms; every hash chain is intact."));
            return Intact;
        }

        output.WriteLine(string.Create(inv, $"audit verify: BROKEN: {result.Breaks.Count} of {result.Rooms} rooms have a broken hash chain ({result.Records} records checked)."));
        foreach (var broken in result.Breaks)
        {
            output.WriteLine($"  first broken link: {broken}");
        }

        output.WriteLine("Records before each first broken link are verified; from it on, treat the room's records as untrusted.");
        return Broken;
    }
}
