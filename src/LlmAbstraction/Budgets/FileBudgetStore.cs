using System.Text.Json;

namespace LlmAbstraction.Budgets;

/// <summary>
/// Keeps budgets and settled spend in a JSON file that survives restarts. Every change rewrites the file
/// atomically (write a temporary file beside it, flush, rename over it), so a crash leaves the old or the new
/// content, never a torn file.
/// </summary>
/// <remarks>
/// Thread-safe within a process: one lock serialises every operation, so concurrent updates are never lost.
/// Use one instance per file and one process per file (share a budget across processes with the Redis store).
/// Reservations of calls in flight are held in memory only: after a restart nothing is left reserved.
/// </remarks>
public sealed class FileBudgetStore : IBudgetStore
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private BudgetLedger? _ledger;

    /// <summary>Uses the file at <paramref name="path"/> (created on the first change; its directory must exist).</summary>
    public FileBudgetStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The full path of the file.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public Task SetBudgetAsync(BudgetDefinition budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(budget);
        return RunAsync(l => { l.Set(budget); return true; }, save: true, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<BudgetDefinition>> GetBudgetsAsync(IReadOnlyList<BudgetSubject> subjects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        return RunAsync<IReadOnlyList<BudgetDefinition>>(l => subjects.Select(l.Get).OfType<BudgetDefinition>().ToList(), save: false, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<BudgetDefinition>> ListBudgetsAsync(CancellationToken cancellationToken)
        => RunAsync<IReadOnlyList<BudgetDefinition>>(l => l.Budgets.ToList(), save: false, cancellationToken);

    /// <inheritdoc/>
    public Task<bool> DeleteBudgetAsync(BudgetSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return RunAsync(l => l.Delete(subject), save: true, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<BudgetUsage> GetUsageAsync(BudgetSubject subject, DateTimeOffset periodStart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return RunAsync(l => l.Usage(subject, periodStart), save: false, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<BudgetReserveResult> TryReserveAsync(IReadOnlyList<BudgetCharge> charges, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charges);
        return RunAsync(l => l.TryReserve(charges), save: false, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<BudgetThresholdCrossing>> SettleAsync(IReadOnlyList<BudgetCharge> charges, decimal actualCost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charges);
        return RunAsync<IReadOnlyList<BudgetThresholdCrossing>>(l => l.Settle(charges, actualCost), save: true, cancellationToken);
    }

    /// <inheritdoc/>
    public Task ResetAsync(BudgetSubject subject, DateTimeOffset periodStart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return RunAsync(l => { l.Reset(subject, periodStart); return true; }, save: true, cancellationToken);
    }

    // Only the wait is cancellable: once a change is applied in memory it is always written.
    private async Task<T> RunAsync<T>(Func<BudgetLedger, T> operation, bool save, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var ledger = _ledger ??= await LoadAsync(CancellationToken.None).ConfigureAwait(false);
            var result = operation(ledger);
            if (save) await SaveAsync(ledger).ConfigureAwait(false);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<BudgetLedger> LoadAsync(CancellationToken cancellationToken)
    {
        var ledger = new BudgetLedger();
        if (!File.Exists(Path)) return ledger;
        BudgetFileDocument? doc;
        try
        {
            await using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
            doc = await JsonSerializer.DeserializeAsync(stream, BudgetJsonContext.Default.BudgetFileDocument, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The budget file '{Path}' is not valid JSON: {ex.Message}", ex);
        }
        try
        {
            foreach (var r in doc?.Budgets ?? []) ledger.Set(BudgetJson.FromRecord(r));
            foreach (var u in doc?.Usage ?? [])
                if (u.Subject is { Length: > 0 } s) ledger.Restore(s, u.PeriodStart, u.Spent, u.ModelSpend, u.Fired);
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"The budget file '{Path}' holds an invalid budget: {ex.Message}", ex);
        }
        return ledger;
    }

    private async Task SaveAsync(BudgetLedger ledger)
    {
        var doc = new BudgetFileDocument
        {
            Budgets = ledger.Budgets.Select(BudgetJson.ToRecord).ToList(),
            Usage = ledger.Buckets.Select(x => new BucketRecord
            {
                Subject = x.Subject,
                PeriodStart = x.Bucket.PeriodStart,
                Spent = x.Bucket.Spent,
                ModelSpend = x.Bucket.ModelSpent.Count == 0 ? null : new Dictionary<string, decimal>(x.Bucket.ModelSpent),
                Fired = x.Bucket.Fired.Count == 0 ? null : [.. x.Bucket.Fired],
            }).ToList(),
        };
        var temp = Path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await JsonSerializer.SerializeAsync(stream, doc, BudgetJsonContext.Default.BudgetFileDocument).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, Path, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }
}
