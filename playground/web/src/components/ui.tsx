// Small shared pieces: labelled fields, messages, the rate-limit countdown.
import type { ComponentChildren } from "preact";
import { useEffect, useId, useState } from "preact/hooks";
import { ApiError, describe } from "../api/errors";

export function Field(props: {
  label: string;
  hint?: ComponentChildren;
  children: (id: string, hintId: string | undefined) => ComponentChildren;
  class?: string;
}) {
  const id = useId();
  const hintId = props.hint ? `${id}-hint` : undefined;
  return (
    <div class={`field ${props.class ?? ""}`}>
      <label for={id}>{props.label}</label>
      {props.children(id, hintId)}
      {props.hint ? (
        <div class="hint" id={hintId}>
          {props.hint}
        </div>
      ) : null}
    </div>
  );
}

/** Seconds left before a RATE_LIMITED call may be tried again (0 when it may). */
export function useCountdown(error: unknown): number {
  const start = error instanceof ApiError && error.code === "RATE_LIMITED" ? (error.retryAfter ?? 0) : 0;
  const [left, setLeft] = useState(start);
  useEffect(() => {
    setLeft(start);
    if (!start) return undefined;
    const began = Date.now();
    const timer = setInterval(() => {
      const rest = Math.max(0, start - Math.floor((Date.now() - began) / 1000));
      setLeft(rest);
      if (rest === 0) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [error, start]);
  return left;
}

export function ErrorMessage(props: { error: unknown; secondsLeft?: number }) {
  if (!props.error) return null;
  const limited = props.error instanceof ApiError && props.error.code === "RATE_LIMITED";
  let text = describe(props.error);
  if (limited && props.secondsLeft !== undefined) {
    text =
      props.secondsLeft > 0
        ? `Too many attempts. Try again in ${props.secondsLeft} ${props.secondsLeft === 1 ? "second" : "seconds"}.`
        : "You can try again now.";
  }
  return (
    <p class="message error" role="alert">
      {text}
    </p>
  );
}

export function Notice(props: { children: ComponentChildren; tone?: "info" | "ok" | "warn" }) {
  return (
    <p class={`message ${props.tone ?? "info"}`} role="status">
      {props.children}
    </p>
  );
}

export function Spinner(props: { label: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      {props.label}
    </p>
  );
}
