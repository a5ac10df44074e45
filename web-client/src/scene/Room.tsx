/** A calm gallery room: warm floor, soft walls, a few lights. Width 14, depth 12, height 5. */
export function Room() {
  return (
    <group>
      <hemisphereLight args={['#cfe8ff', '#1b1410', 0.55]} />
      <ambientLight intensity={0.25} />
      <directionalLight position={[3, 6, 5]} intensity={1.1} color="#fff4e6" />
      <pointLight position={[0, 4.2, 0]} intensity={14} distance={14} decay={2} color="#ffe7c2" />
      <pointLight position={[0, 3.5, -4]} intensity={10} distance={9} decay={2} color="#e0f2fe" />

      {/* floor */}
      <mesh rotation={[-Math.PI / 2, 0, 0]} position={[0, 0, 0]}>
        <planeGeometry args={[14, 12]} />
        <meshStandardMaterial color="#2a2420" roughness={0.85} metalness={0.05} />
      </mesh>
      {/* rug */}
      <mesh rotation={[-Math.PI / 2, 0, 0]} position={[0, 0.005, 0.8]}>
        <circleGeometry args={[3.2, 64]} />
        <meshStandardMaterial color="#1d2b3a" roughness={1} />
      </mesh>
      {/* back wall */}
      <mesh position={[0, 2.5, -6]}>
        <planeGeometry args={[14, 5]} />
        <meshStandardMaterial color="#3a4350" roughness={0.95} />
      </mesh>
      {/* side walls */}
      <mesh position={[-7, 2.5, 0]} rotation={[0, Math.PI / 2, 0]}>
        <planeGeometry args={[12, 5]} />
        <meshStandardMaterial color="#343c47" roughness={0.95} />
      </mesh>
      <mesh position={[7, 2.5, 0]} rotation={[0, -Math.PI / 2, 0]}>
        <planeGeometry args={[12, 5]} />
        <meshStandardMaterial color="#343c47" roughness={0.95} />
      </mesh>
      {/* ceiling */}
      <mesh position={[0, 5, 0]} rotation={[Math.PI / 2, 0, 0]}>
        <planeGeometry args={[14, 12]} />
        <meshStandardMaterial color="#2b313b" emissive="#1a1f27" emissiveIntensity={0.6} />
      </mesh>
      {/* skirting along the back wall */}
      <mesh position={[0, 0.08, -5.97]}>
        <boxGeometry args={[14, 0.16, 0.04]} />
        <meshStandardMaterial color="#1e242c" />
      </mesh>
      {/* light strip */}
      <mesh position={[0, 4.9, -3]}>
        <boxGeometry args={[6, 0.04, 0.3]} />
        <meshStandardMaterial color="#fff7e8" emissive="#fff1d6" emissiveIntensity={1.2} />
      </mesh>
    </group>
  );
}
