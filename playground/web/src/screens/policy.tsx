// The password policy from setupStatus.passwordPolicy, checked as the user types
// (the same rules as gql_invoke/auth/passwords.py; the server still decides, and
// also refuses the most common passwords).
const RULES: { label: string; ok: (p: string) => boolean }[] = [
  { label: "at least 8 characters", ok: (p) => [...p].length >= 8 },
  { label: "at most 256 characters", ok: (p) => [...p].length <= 256 },
  { label: "an upper-case letter", ok: (p) => /\p{Lu}/u.test(p) },
  { label: "a lower-case letter", ok: (p) => /\p{Ll}/u.test(p) },
  { label: "a digit", ok: (p) => /\p{Nd}/u.test(p) },
];

export function policyProblems(password: string): string[] {
  return RULES.filter((r) => !r.ok(password)).map((r) => r.label);
}

export function PolicyChecklist(props: { policy: string; password: string }) {
  return (
    <>
      <span>{props.policy}</span>
      <ul class="checklist" aria-live="polite">
        {RULES.map((rule) => {
          const ok = rule.ok(props.password);
          return (
            <li key={rule.label} class={ok ? "ok" : "todo"}>
              <span aria-hidden="true">{ok ? "✓" : "•"}</span> {rule.label}
              <span class="sr-only">{ok ? " (met)" : " (not met yet)"}</span>
            </li>
          );
        })}
      </ul>
    </>
  );
}
