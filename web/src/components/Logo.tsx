/** The product mark: a bridge from lab to market. */
export function LogoMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true">
      <defs>
        <linearGradient id="to-logo" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#3b82f6" />
          <stop offset="1" stopColor="#1e40af" />
        </linearGradient>
      </defs>
      <rect width="64" height="64" rx="14" fill="url(#to-logo)" />
      <path d="M12 40c8-14 32-14 40 0" stroke="#fff" strokeWidth="5" fill="none" strokeLinecap="round" />
      <path d="M20 40v8M32 33v15M44 40v8" stroke="#bfdbfe" strokeWidth="4" strokeLinecap="round" />
      <circle cx="32" cy="20" r="5" fill="#fde68a" />
    </svg>
  );
}
