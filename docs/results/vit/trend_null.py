#!/usr/bin/env python3
"""trend_null.py RUN...: vSAM's window trends dR, dV (docs/ALGORITHMS.md §2.3) replayed from telemetry, against the
same ring values in random order (no temporal trend at all): if the shuffled values give as large a trend, the
rise of s is the estimator's bias E[x_{i+1}/x_i] > 1 on noisy positive values, not a trend in the signals."""
import json, random, sys
K = 50
def trend(x):
    n = len(x)
    if n < 2: return 0.0
    t = sum(((x[i+1]-x[i])/x[i]) if x[i] != 0 else 0.0 for i in range(n-1)) / (n-1)
    return max(-1.0, min(1.0, t))
for run in sys.argv[1:]:
    R=[0.0]*K; V=[]; prev=None; obs=[]; null=[]; rng=random.Random(1); s0=s1=None
    for line in open(run+'/telemetry.jsonl'):
        e=json.loads(line); s=e.get('s')
        if s is not None and s0 is None: s0=s
        if s is not None: s1=s
        if s is not None and prev is not None and s!=prev and 0.0 not in R:
            V=V[-K:]
            obs.append((trend(R),trend(V)))
            rs=[];vs=[]
            for _ in range(50):
                a=R[:]; rng.shuffle(a); b=V[:]; rng.shuffle(b); rs.append(trend(a)); vs.append(trend(b))
            null.append((sum(rs)/50,sum(vs)/50))
        if s is not None: prev=s
        if e['sampled']:
            if e['psfRatio'] is not None: R=(R+[e['psfRatio']])[-K:]
            if e.get('variation') is not None: V.append(e['variation'])
    n=max(1,len(obs))
    print("%s: s %.2f -> %.2f; %d boundaries with a full R ring: mean dR %+.3f, dV %+.3f; same values shuffled: dR %+.3f, dV %+.3f" % (
        run, s0 or 0, s1 or 0, len(obs), sum(o[0] for o in obs)/n, sum(o[1] for o in obs)/n,
        sum(o[0] for o in null)/n, sum(o[1] for o in null)/n))
