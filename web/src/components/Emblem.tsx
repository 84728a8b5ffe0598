// The Musterstadt emblem: a shield with a town wall of three towers over a
// river, in the portal's petrol with a warm accent. Decorative: the town's
// name is always written next to it.
export function Emblem({ size = 44 }: { size?: number }) {
  return (
    <svg
      class="emblem"
      width={(size * 40) / 48}
      height={size}
      viewBox="0 0 40 48"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M2 2h36v20.5C38 35 29.5 42.5 20 46 10.5 42.5 2 35 2 22.5z" fill="#0f4c5c" />
      <path d="M4.5 4.5h31v18c0 10.6-7 17.3-15.5 20.8C11.5 39.8 4.5 33.1 4.5 22.5z" fill="none" stroke="#e8a33d" stroke-width="1.4" />
      {/* town wall with three towers and a gate */}
      <g fill="#ffffff">
        <rect x="9" y="16.5" width="6" height="11.5" />
        <rect x="9" y="14.5" width="1.7" height="2.5" />
        <rect x="11.15" y="14.5" width="1.7" height="2.5" />
        <rect x="13.3" y="14.5" width="1.7" height="2.5" />
        <rect x="25" y="16.5" width="6" height="11.5" />
        <rect x="25" y="14.5" width="1.7" height="2.5" />
        <rect x="27.15" y="14.5" width="1.7" height="2.5" />
        <rect x="29.3" y="14.5" width="1.7" height="2.5" />
        <rect x="15" y="20.5" width="10" height="7.5" />
        <rect x="16.5" y="11.5" width="7" height="16.5" />
        <rect x="16.5" y="9" width="1.8" height="3" />
        <rect x="19.1" y="9" width="1.8" height="3" />
        <rect x="21.7" y="9" width="1.8" height="3" />
      </g>
      <g fill="#0f4c5c">
        <path d="M18.2 28v-3.6a1.8 1.8 0 0 1 3.6 0V28z" />
        <rect x="11.3" y="19.5" width="1.4" height="3" rx=".7" />
        <rect x="27.3" y="19.5" width="1.4" height="3" rx=".7" />
        <rect x="19.3" y="14.5" width="1.4" height="3" rx=".7" />
      </g>
      {/* river */}
      <path d="M8 32.2c2 0 2-1.2 4-1.2s2 1.2 4 1.2 2-1.2 4-1.2 2 1.2 4 1.2 2-1.2 4-1.2 2 1.2 4 1.2" fill="none" stroke="#e8a33d" stroke-width="1.8" stroke-linecap="round" />
      <path d="M11 36.4c1.5 0 1.5-1 3-1s1.5 1 3 1 1.5-1 3-1 1.5 1 3 1 1.5-1 3-1 1.5 1 3 1" fill="none" stroke="#e8a33d" stroke-width="1.6" stroke-linecap="round" />
    </svg>
  );
}
