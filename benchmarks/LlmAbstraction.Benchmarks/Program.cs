using BenchmarkDotNet.Running;
using LlmAbstraction.Benchmarks;

// `verify`: every arm answers over the stub (a smoke check before a long run).
// `cold raw|ours`: one first completion in this fresh process (see ColdStart).
// `profile ARM [calls]`: time, bytes and sampled allocation types per call of one arm (see Profile).
// anything else: BenchmarkDotNet (e.g. `--filter *OpenAICompletion* --job short`).
return args switch
{
    ["verify"] => await Verify.RunAsync(),
    ["cold", var arm] => await ColdStart.RunAsync(arm),
    ["profile", var arm] => await Profile.RunAsync(arm, 200_000),
    ["profile", var arm, var calls] => await Profile.RunAsync(arm, int.Parse(calls)),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Arms).Assembly).Run(args);
    return 0;
}
