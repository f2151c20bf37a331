import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
function run(cond, ctx={}) {
  const r = cedar.isAuthorized({principal:{type:'P',id:'a'},action:{type:'Action',id:'x'},resource:{type:'R',id:'r'},context:ctx,entities:[],
    policies:{staticPolicies:{p:`permit(principal,action,resource) when { ${cond} };`}}});
  return r.type==='success' ? r.response.decision + JSON.stringify(r.response.diagnostics.errors.map(e=>e.error.message)) : JSON.stringify(r.errors);
}
console.log(run('ip("10.200.2.3").isInRange(ip("10.1.2.3/8"))'));
console.log(run('ip("10.200.2.3").isInRange(ip("10.1.2.3/0"))'));
console.log(run('ip("::1").isInRange(ip("0.0.0.0/0"))'));
console.log(run('datetime("1960-01-01T00:00:00.000Z") < datetime("0001-01-01T00:00:01.000Z")'));
console.log(run('datetime("9999-01-01T00:00:00.000Z") > datetime("0001-01-01T00:00:01.000Z")'));
console.log(run('decimal("-99999999999.9999") < decimal("0.0000")'));
console.log(run('context["k#arn"].s0 == "arn"', {"k#arn": {s0:'arn'}}));
console.log(run('context has "k#arn" && context["k#set"].containsAny(["a"])', {"k#arn": {s0:'arn'}, "k#set": ['a']}));
