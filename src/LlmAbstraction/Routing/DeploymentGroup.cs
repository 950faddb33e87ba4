namespace LlmAbstraction.Routing;

/// <summary>
/// The deployments sharing one model group name, sorted into priority tiers (by <see cref="Deployment.Order"/>,
/// then configuration order), with what the strategies precompute: per-tier cumulative weights, price order,
/// and each deployment's context window. Built once by the router; immutable.
/// </summary>
public sealed class DeploymentGroup
{
    private readonly Deployment[] _deployments;

    internal DeploymentGroup(string name, IEnumerable<Deployment> deployments, Func<Deployment, int?> maxInputTokens, Func<Deployment, decimal> costPerToken)
    {
        Name = name;
        _deployments = deployments.Select((d, i) => (d, i)).OrderBy(x => x.d.Order ?? int.MaxValue).ThenBy(x => x.i).Select(x => x.d).ToArray();
        var n = _deployments.Length;
        MaxInput = new int[n];
        Cost = new decimal[n];
        var tiers = new List<(int Start, int End)>();
        for (var i = 0; i < n; i++)
        {
            MaxInput[i] = maxInputTokens(_deployments[i]) ?? int.MaxValue;
            Cost[i] = costPerToken(_deployments[i]);
            if (i == 0 || _deployments[i].Order != _deployments[i - 1].Order) tiers.Add((i, i + 1));
            else tiers[^1] = (tiers[^1].Start, i + 1);
        }
        Tiers = tiers.ToArray();
        SmallestContextWindow = n == 0 ? int.MaxValue : MaxInput.Min();
        CumulativeWeight = new double[n];
        TierWeighted = new bool[Tiers.Length];
        TierTotalWeight = new double[Tiers.Length];
        CostOrder = new int[n];
        for (var t = 0; t < Tiers.Length; t++)
        {
            var (start, end) = Tiers[t];
            var first = _deployments[start];
            // LiteLLM simple-shuffle: the first deployment decides the weight field (weight, then rpm, then tpm); missing values weigh 0.
            Func<Deployment, double>? weight = first.Weight is not null ? d => d.Weight ?? 0
                : first.Rpm is not null ? d => d.Rpm ?? 0
                : first.Tpm is not null ? d => d.Tpm ?? 0 : null;
            double total = 0;
            for (var i = start; i < end; i++)
            {
                total += weight is null ? 1 : weight(_deployments[i]);
                CumulativeWeight[i] = total;
            }
            TierWeighted[t] = weight is not null && total > 0;
            if (!TierWeighted[t])
            {
                total = 0;
                for (var i = start; i < end; i++) CumulativeWeight[i] = ++total;
            }
            TierTotalWeight[t] = total;
            var order = Enumerable.Range(start, end - start).OrderBy(i => Cost[i]).ThenBy(i => i).ToArray();
            order.CopyTo(CostOrder, start);
        }
    }

    /// <summary>The group name (LiteLLM <c>model_name</c>).</summary>
    public string Name { get; }

    /// <summary>The number of deployments.</summary>
    public int Count => _deployments.Length;

    /// <summary>The deployment at <paramref name="index"/> (tier order).</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    public Deployment this[int index] => _deployments[index];

    /// <summary>The deployments, in tier order.</summary>
    public IReadOnlyList<Deployment> Deployments => _deployments;

    /// <summary>The number of priority tiers.</summary>
    public int TierCount => Tiers.Length;

    /// <summary>The index range [start, end) of tier <paramref name="tier"/>; tier 0 has the lowest <see cref="Deployment.Order"/>.</summary>
    /// <param name="tier">0 ≤ tier &lt; <see cref="TierCount"/>.</param>
    public (int Start, int End) GetTier(int tier) => Tiers[tier];

    /// <summary>The context window of the deployment at <paramref name="index"/>; <see cref="int.MaxValue"/> when unknown.</summary>
    /// <param name="index">The deployment index.</param>
    public int ContextWindow(int index) => MaxInput[index];

    /// <summary>USD per input token plus per output token of the deployment at <paramref name="index"/>, as cost-based routing ranks it.</summary>
    /// <param name="index">The deployment index.</param>
    public decimal CostPerToken(int index) => Cost[index];

    internal (int Start, int End)[] Tiers { get; }
    internal int[] MaxInput { get; }
    internal decimal[] Cost { get; }
    internal int SmallestContextWindow { get; }

    /// <summary>Per-tier running totals of the simple-shuffle weights (restarting at each tier).</summary>
    internal double[] CumulativeWeight { get; }
    internal double[] TierTotalWeight { get; }
    internal bool[] TierWeighted { get; }

    /// <summary>Per tier, the indices sorted by cost (cheapest first).</summary>
    internal int[] CostOrder { get; }

    internal int IndexOf(string deploymentId)
    {
        for (var i = 0; i < _deployments.Length; i++)
            if (string.Equals(_deployments[i].Id, deploymentId, StringComparison.Ordinal)) return i;
        return -1;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Count} deployments)";
}
