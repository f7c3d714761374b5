import { and, eq, inArray } from 'drizzle-orm'
import { SYSTEM } from '../auth/actor'
import { recordAudit } from '../audit'
import { LIKERT_OPTIONS, SCALED_OPTIONS } from '../assessments/banks/options'
import { activeCounts } from '../assessments/banks/store'
import type { Db, DbOrTx } from './client'
import {
  type AssessmentSource,
  type BankScale,
  batch,
  batchAssessment,
  programme,
  question,
  questionBank,
  questionVersion,
} from './schema'

/*
 * The demo question banks of Latih, written for this project in Indonesian:
 *  - PD      Asesmen Penilaian Diri: 49 Likert statements on 7 scales (7 each).
 *  - SPI     Asesmen Potensi Diri: 40 interest items on 5 scales (8 each), each scale
 *            suggesting the demo programmes' vocational fields.
 *  - SL-*    Asesmen Siap Latih (written test): a general aptitude bank and one bank per
 *            demo vocational field, single-answer multiple choice.
 * Every demo batch draws all PD and SPI items (untimed) and a 40-question written test
 * (15 general + 25 from its field) in 40 minutes with a pass mark of 60 %.
 */

type Letter = 'A' | 'B' | 'C' | 'D' | 'E'
/** A multiple-choice item: the stem, the options in order (A, B, …) and the correct letter. */
type Mc = readonly [stem: string, options: readonly string[], key: Letter]

interface DemoBank {
  code: string
  kind: 'self_assessment' | 'potential' | 'written_test'
  title: string
  description: string
  vocationalField: string | null
  scales: BankScale[]
  items: Array<{
    type: 'likert' | 'scaled' | 'multiple_choice'
    stem: string
    options: Array<{ key: string; text: string }>
    correctOptionKey: string | null
    scaleCode: string | null
    reverseScored: boolean
  }>
}

// ---------------------------------------------------------------------------------------
// Asesmen Penilaian Diri (self-assessment)

const SELF_SCALES: BankScale[] = [
  {
    code: 'KRJ',
    name: 'Kesiapan mengikuti pelatihan',
    description: 'Kesiapan waktu, tenaga, dan tujuan untuk mengikuti pelatihan sampai selesai.',
    suggestedFields: [],
  },
  {
    code: 'DSP',
    name: 'Disiplin',
    description: 'Tepat waktu, taat aturan, dan menyelesaikan tanggung jawab.',
    suggestedFields: [],
  },
  {
    code: 'BLJ',
    name: 'Kemauan belajar',
    description: 'Keinginan menguasai keterampilan baru dan terbuka terhadap masukan.',
    suggestedFields: [],
  },
  {
    code: 'TIM',
    name: 'Kerja sama',
    description: 'Kemampuan bekerja bersama orang lain dan menghargai pendapat.',
    suggestedFields: [],
  },
  {
    code: 'K3',
    name: 'Keselamatan dan kesehatan kerja',
    description: 'Kebiasaan bekerja aman: memakai APD, menjaga tempat kerja, melaporkan bahaya.',
    suggestedFields: [],
  },
  {
    code: 'DIG',
    name: 'Literasi digital',
    description: 'Memakai ponsel dan komputer untuk mencari informasi, berkomunikasi, dan menjaga keamanan akun.',
    suggestedFields: [],
  },
  {
    code: 'MOT',
    name: 'Motivasi',
    description: 'Alasan dan semangat mengikuti pelatihan serta rencana sesudahnya.',
    suggestedFields: [],
  },
]

/** [statement, reverse-scored] per scale; reverse-scored statements are worded negatively. */
const SELF_STATEMENTS: Record<string, Array<readonly [string, boolean]>> = {
  KRJ: [
    ['Saya siap mengikuti pelatihan setiap hari sampai program selesai.', false],
    ['Saya sudah mengatur urusan keluarga agar dapat fokus selama pelatihan.', false],
    ['Saya sanggup mengikuti praktik yang memerlukan tenaga fisik dan berdiri cukup lama.', false],
    ['Saya tahu pekerjaan atau usaha apa yang ingin saya tekuni setelah pelatihan.', false],
    ['Saya bersedia mengikuti jadwal pelatihan walaupun dimulai pagi hari.', false],
    ['Saya mungkin berhenti di tengah pelatihan bila ada kegiatan lain yang lebih menarik.', true],
    ['Saya terbiasa bekerja mengikuti petunjuk yang diberikan.', false],
  ],
  DSP: [
    ['Saya datang tepat waktu ketika punya janji atau jadwal.', false],
    ['Saya mematuhi aturan di tempat belajar atau bekerja walaupun tidak diawasi.', false],
    ['Saya sering menunda pekerjaan sampai mendekati batas waktu.', true],
    ['Saya mengembalikan alat ke tempatnya setelah selesai dipakai.', false],
    ['Saya memberi kabar lebih dahulu bila berhalangan hadir.', false],
    ['Menurut saya aturan pakaian kerja tidak perlu diikuti.', true],
    ['Saya menyelesaikan tugas yang menjadi tanggung jawab saya sampai tuntas.', false],
  ],
  BLJ: [
    ['Saya senang mempelajari keterampilan baru.', false],
    ['Saya bertanya kepada instruktur bila ada materi yang belum saya pahami.', false],
    ['Saya mau mengulang latihan sampai hasilnya benar.', false],
    ['Saya menerima kritik atas hasil kerja saya sebagai bahan perbaikan.', false],
    ['Saya cepat menyerah bila latihan terasa sulit.', true],
    ['Saya mencatat hal-hal penting selama belajar.', false],
    ['Saya mencari tambahan pengetahuan dari buku atau video tentang bidang yang saya minati.', false],
  ],
  TIM: [
    ['Saya mudah bekerja sama dengan orang yang baru saya kenal.', false],
    ['Saya mau membantu teman yang kesulitan menyelesaikan tugasnya.', false],
    ['Saya menghargai pendapat orang lain walaupun berbeda dengan pendapat saya.', false],
    ['Saya lebih suka mengerjakan semuanya sendiri daripada berbagi tugas dalam kelompok.', true],
    ['Saya dapat menyampaikan pendapat dengan sopan dalam diskusi.', false],
    ['Saya mau memakai alat dan bahan praktik secara bergiliran dengan teman.', false],
    ['Saya mudah tersinggung bila diberi masukan oleh teman.', true],
  ],
  K3: [
    ['Saya memakai alat pelindung diri yang diwajibkan saat bekerja.', false],
    ['Saya membaca petunjuk keselamatan sebelum memakai alat atau mesin yang baru.', false],
    ['Saya segera melaporkan alat yang rusak atau keadaan yang berbahaya.', false],
    ['Saya rela melanggar aturan keselamatan agar pekerjaan cepat selesai.', true],
    ['Saya menjaga tempat kerja tetap bersih dan rapi agar tidak terjadi kecelakaan.', false],
    ['Saya mencari tahu letak alat pemadam api dan jalur evakuasi di tempat yang baru saya datangi.', false],
    ['Menurut saya kecelakaan kerja hanyalah soal nasib sial.', true],
  ],
  DIG: [
    ['Saya dapat memakai ponsel pintar untuk mencari informasi yang saya butuhkan.', false],
    ['Saya dapat mengirim dan membalas e-mail.', false],
    ['Saya dapat mengisi formulir daring dan mengunggah dokumen.', false],
    ['Saya menjaga kerahasiaan kata sandi dan kode OTP saya.', false],
    ['Saya memeriksa kebenaran sebuah berita sebelum membagikannya.', false],
    ['Saya kesulitan memakai aplikasi baru walaupun sudah diberi petunjuk.', true],
    ['Saya dapat membuat dokumen sederhana dengan aplikasi pengolah kata atau lembar kerja.', false],
  ],
  MOT: [
    ['Saya ikut pelatihan ini karena ingin meningkatkan keterampilan kerja.', false],
    ['Saya punya rencana memakai hasil pelatihan untuk bekerja atau berwirausaha.', false],
    ['Saya bersemangat menyelesaikan pelatihan dengan hasil terbaik.', false],
    ['Saya mendaftar pelatihan hanya karena diajak teman.', true],
    ['Saya tetap berusaha walaupun menghadapi kesulitan.', false],
    ['Saya ingin memperoleh sertifikat kompetensi di bidang yang saya pilih.', false],
    ['Saya yakin keterampilan baru dapat memperbaiki penghidupan saya dan keluarga.', false],
  ],
}

// ---------------------------------------------------------------------------------------
// Asesmen Potensi Diri / SPI (interest inventory)

const LAS = 'Las'
const OTO = 'Otomotif'
const TIK = 'Teknologi Informasi dan Komunikasi'
const GAR = 'Garmen Apparel'

const POTENTIAL_SCALES: BankScale[] = [
  {
    code: 'REA',
    name: 'Realistik (teknik dan mekanik)',
    description: 'Suka bekerja dengan tangan, alat, mesin, dan benda nyata; betah di bengkel atau lapangan.',
    suggestedFields: [LAS, OTO],
  },
  {
    code: 'INV',
    name: 'Investigatif (analisis dan pemecahan masalah)',
    description: 'Suka mencari tahu cara kerja sesuatu, menelusuri penyebab masalah, dan berpikir runtut.',
    suggestedFields: [OTO, TIK],
  },
  {
    code: 'ART',
    name: 'Artistik (kreatif dan visual)',
    description: 'Suka menggambar, memadukan warna, merancang bentuk, dan membuat sesuatu yang indah dipandang.',
    suggestedFields: [TIK, GAR],
  },
  {
    code: 'SOS',
    name: 'Sosial (pelayanan)',
    description: 'Suka melayani, menjelaskan, dan membantu orang lain; nyaman berhadapan dengan pelanggan.',
    suggestedFields: [GAR, OTO],
  },
  {
    code: 'KON',
    name: 'Konvensional (ketelitian dan keteraturan)',
    description: 'Suka pekerjaan yang rapi, terukur, dan mengikuti langkah kerja dengan teliti.',
    suggestedFields: [GAR, LAS],
  },
]

/** Activities; the candidate says how much they like each one (Sangat suka … Tidak suka). */
const POTENTIAL_ITEMS: Record<string, string[]> = {
  REA: [
    'Membongkar lalu merakit kembali mesin atau peralatan kecil.',
    'Memperbaiki sepeda motor atau sepeda yang rusak.',
    'Memotong dan menyambung logam dengan peralatan bengkel.',
    'Memakai perkakas seperti kunci pas, obeng, dan gerinda.',
    'Membuat rak atau pagar dari besi.',
    'Bekerja di bengkel atau di lapangan daripada di balik meja.',
    'Merawat mesin agar tetap bekerja dengan baik.',
    'Memasang pipa atau kabel sederhana di rumah.',
  ],
  INV: [
    'Mencari tahu penyebab sebuah mesin tidak mau menyala.',
    'Membaca buku petunjuk untuk memahami cara kerja suatu alat.',
    'Memecahkan soal hitungan atau teka-teki logika.',
    'Membandingkan beberapa cara kerja untuk menemukan yang paling efisien.',
    'Mencoba memahami cara kerja aplikasi di komputer atau ponsel.',
    'Mengamati dan mencatat hasil sebuah percobaan.',
    'Menelusuri sebuah kesalahan langkah demi langkah sampai ketemu sumbernya.',
    'Mempelajari cara kerja sensor dan rangkaian listrik.',
  ],
  ART: [
    'Menggambar atau membuat sketsa.',
    'Memadukan warna untuk poster, pakaian, atau ruangan.',
    'Merancang model pakaian sendiri.',
    'Membuat desain untuk unggahan media sosial.',
    'Memotret lalu menyunting foto.',
    'Menghias barang agar tampak lebih menarik.',
    'Membuat kerajinan tangan dari kain perca atau bahan bekas.',
    'Menata letak tulisan dan gambar supaya enak dilihat.',
  ],
  SOS: [
    'Menjelaskan sesuatu kepada orang lain sampai mereka paham.',
    'Melayani pelanggan dan mendengarkan kebutuhannya.',
    'Membantu tetangga atau teman yang sedang kesulitan.',
    'Bekerja dalam tim untuk menyelesaikan pekerjaan bersama.',
    'Mengajari orang lain cara memakai suatu alat.',
    'Menjadi panitia kegiatan di lingkungan tempat tinggal.',
    'Menenangkan orang yang sedang kecewa atau marah.',
    'Berbincang dengan orang yang baru dikenal.',
  ],
  KON: [
    'Mengukur sesuatu dengan teliti lalu mencatat hasilnya.',
    'Menyusun barang atau berkas dengan rapi menurut urutan.',
    'Memeriksa ulang pekerjaan agar tidak ada yang salah.',
    'Mengikuti langkah kerja yang sudah ditetapkan dengan tepat.',
    'Mencatat pemasukan dan pengeluaran uang.',
    'Mengerjakan bagian kecil yang memerlukan ketelitian tinggi.',
    'Mengisi formulir dan daftar isian dengan lengkap.',
    'Mencatat persediaan bahan dan alat agar tidak kehabisan.',
  ],
}

// ---------------------------------------------------------------------------------------
// Asesmen Siap Latih (written test): general aptitude

const GENERAL: Mc[] = [
  // Verbal
  ['Sinonim (persamaan kata) dari "cermat" adalah …', ['teliti', 'cepat', 'ceroboh', 'malas'], 'A'],
  ['Antonim (lawan kata) dari "hemat" adalah …', ['irit', 'boros', 'kikir', 'cermat'], 'B'],
  ['Sinonim dari "kendala" adalah …', ['tujuan', 'peluang', 'hambatan', 'hasil'], 'C'],
  ['Antonim dari "terampil" adalah …', ['cekatan', 'mahir', 'tangkas', 'kikuk'], 'D'],
  ['Gunting : kain = gergaji : …', ['paku', 'kayu', 'palu', 'meja'], 'B'],
  ['Dokter : rumah sakit = montir : …', ['pasar', 'sekolah', 'bengkel', 'kantor pos'], 'C'],
  ['Penulisan kata yang baku adalah …', ['praktek', 'aktifitas', 'nasehat', 'kualitas'], 'D'],
  [
    'Kata "efisien" paling tepat berarti …',
    ['tepat guna, tidak membuang waktu dan tenaga', 'mahal tetapi bermutu', 'dikerjakan beramai-ramai', 'dikerjakan perlahan-lahan'],
    'A',
  ],
  [
    'Aturan pelatihan: "Peserta wajib hadir pukul 07.30 WITA. Peserta yang terlambat lebih dari 15 menit dicatat tidak hadir pada sesi pagi." Budi tiba pukul 07.50 WITA. Menurut aturan itu …',
    [
      'Budi dicatat hadir tepat waktu',
      'Budi dicatat tidak hadir pada sesi pagi',
      'Budi tidak boleh mengikuti pelatihan lagi',
      'Budi dicatat hadir pada sesi pagi',
    ],
    'B',
  ],
  // Numerical
  ['25% dari 480 adalah …', ['100', '120', '140', '160'], 'B'],
  [
    'Sebuah pelatihan berlangsung 240 jam pelajaran dengan 8 jam pelajaran setiap hari. Lama pelatihan adalah … hari.',
    ['24', '32', '30', '36'],
    'C',
  ],
  ['Harga 1 kg paku Rp24.000. Harga 2,5 kg paku adalah …', ['Rp48.000', 'Rp54.000', 'Rp62.000', 'Rp60.000'], 'D'],
  ['Bilangan berikutnya dari deret 3, 6, 12, 24, … adalah …', ['48', '36', '42', '30'], 'A'],
  ['Bilangan berikutnya dari deret 2, 5, 10, 17, 26, … adalah …', ['35', '36', '37', '39'], 'C'],
  ['3/4 + 1/8 = …', ['4/12', '7/8', '1', '5/8'], 'B'],
  ['Pelat baja sepanjang 2 m dipotong-potong sepanjang 25 cm. Banyaknya potongan adalah …', ['6', '10', '12', '8'], 'D'],
  ['Sepeda motor menempuh 90 km dalam 1,5 jam. Kecepatan rata-ratanya adalah …', ['60 km/jam', '45 km/jam', '75 km/jam', '135 km/jam'], 'A'],
  ['Harga selembar kain Rp80.000 mendapat potongan 15%. Harga setelah potongan adalah …', ['Rp65.000', 'Rp70.000', 'Rp68.000', 'Rp72.000'], 'C'],
  ['Luas persegi panjang berukuran 12 cm × 8 cm adalah …', ['40 cm²', '20 cm²', '86 cm²', '96 cm²'], 'D'],
  ['1 inci = 2,54 cm. Maka 10 inci = …', ['2,54 cm', '25,4 cm', '254 cm', '12,54 cm'], 'B'],
  ['Rata-rata dari 70, 80, 90, dan 60 adalah …', ['75', '70', '80', '85'], 'A'],
  // Logical
  [
    'Semua peserta pelatihan las wajib memakai sarung tangan. Rudi adalah peserta pelatihan las. Kesimpulan yang benar adalah …',
    [
      'Rudi tidak perlu memakai sarung tangan',
      'Semua yang memakai sarung tangan adalah peserta las',
      'Rudi wajib memakai sarung tangan',
      'Rudi bukan peserta pelatihan',
    ],
    'C',
  ],
  [
    'Jika hujan turun, lapangan menjadi basah. Hari ini lapangan tidak basah. Kesimpulan yang benar adalah …',
    ['Hari ini hujan turun', 'Hari ini hujan tidak turun', 'Lapangan baru saja disiram', 'Tidak dapat disimpulkan apa pun'],
    'B',
  ],
  ['Huruf berikutnya dari pola A, C, E, G, … adalah …', ['H', 'J', 'K', 'I'], 'D'],
  [
    'Andi lebih tinggi daripada Budi. Budi lebih tinggi daripada Candra. Siapa yang paling pendek?',
    ['Candra', 'Budi', 'Andi', 'Tidak dapat ditentukan'],
    'A',
  ],
  ['Hari ini hari Rabu. Sepuluh hari lagi adalah hari …', ['Jumat', 'Minggu', 'Sabtu', 'Senin'], 'C'],
  [
    'Sebagian montir adalah pemain sepak bola. Semua pemain sepak bola rajin berlatih. Kesimpulan yang benar adalah …',
    [
      'Semua montir rajin berlatih',
      'Sebagian montir rajin berlatih',
      'Tidak ada montir yang rajin berlatih',
      'Semua yang rajin berlatih adalah montir',
    ],
    'B',
  ],
  ['Manakah yang tidak termasuk kelompoknya?', ['obeng', 'tang', 'kunci pas', 'cat tembok'], 'D'],
  // Basic occupational safety and health (K3)
  [
    'Rambu K3 berbentuk lingkaran merah dengan garis miring (diagonal) menunjukkan …',
    ['larangan', 'kewajiban', 'peringatan bahaya', 'jalur evakuasi'],
    'A',
  ],
  [
    'Rambu K3 berbentuk lingkaran biru dengan gambar putih, misalnya gambar helm, menunjukkan …',
    ['larangan', 'peringatan bahaya', 'kewajiban', 'letak kotak P3K'],
    'C',
  ],
  [
    'Alat pemadam api ringan (APAR) yang tepat untuk kebakaran pada peralatan listrik yang masih bertegangan adalah jenis …',
    ['air', 'busa (foam)', 'pasir basah', 'CO₂ (karbon dioksida)'],
    'D',
  ],
  [
    'Urutan memakai APAR yang benar (teknik PASS) adalah …',
    [
      'tekan tuas, tarik pin, arahkan ke puncak api, sapukan',
      'tarik pin, arahkan selang ke pangkal api, tekan tuas, sapukan ke kiri dan kanan',
      'arahkan selang, tekan tuas, tarik pin, sapukan',
      'sapukan, tarik pin, tekan tuas, arahkan ke asap',
    ],
    'B',
  ],
  ['Dalam K3, singkatan APD adalah …', ['Alat Pengaman Darurat', 'Anjuran Pencegahan Dini', 'Alat Pelindung Diri', 'Alat Pemadam Darurat'], 'C'],
  [
    'Tindakan pertama yang benar ketika melihat rekan tersengat listrik dan tubuhnya masih menempel pada kabel adalah …',
    [
      'menarik tangannya sekuat tenaga',
      'menyiramnya dengan air',
      'memberinya minum',
      'memutus aliran listrik atau menjauhkan kabel dengan benda kering yang tidak menghantarkan listrik',
    ],
    'D',
  ],
  [
    'Budaya kerja Ringkas, Rapi, Resik, Rawat, Rajin dikenal dengan sebutan …',
    ['5R', '3M', 'SOP', 'PDCA'],
    'A',
  ],
  [
    'Pertolongan pertama pada luka bakar ringan adalah …',
    [
      'mengoleskan pasta gigi',
      'mengaliri bagian yang terbakar dengan air bersih yang mengalir (suhu biasa) sekitar 20 menit',
      'mengoleskan mentega',
      'memecahkan lepuhan kulit',
    ],
    'B',
  ],
  ['Nomor telepon darurat pemadam kebakaran di Indonesia adalah …', ['110', '118', '113', '115'], 'C'],
]

// ---------------------------------------------------------------------------------------
// Written test: Las (welding, SMAW)

const WELDING: Mc[] = [
  [
    'SMAW adalah singkatan dari …',
    ['Shielded Metal Arc Welding', 'Submerged Metal Arc Welding', 'Steel Metal Automatic Welding', 'Shielded Manual Argon Welding'],
    'A',
  ],
  [
    'Fungsi utama salutan (fluks) elektroda pada las SMAW adalah …',
    [
      'menambah besar arus listrik',
      'melindungi logam las yang mencair dari udara luar dengan gas dan terak',
      'mendinginkan benda kerja',
      'membersihkan kaca helm las',
    ],
    'B',
  ],
  [
    'Pada elektroda E6013, angka 60 menunjukkan …',
    ['diameter elektroda 6,0 mm', 'panjang elektroda 60 cm', 'kekuatan tarik minimum logam las 60.000 psi', 'arus pengelasan 60 ampere'],
    'C',
  ],
  [
    'Pada elektroda E7018, angka 1 (angka ketiga) menunjukkan bahwa elektroda …',
    [
      'hanya untuk posisi datar',
      'berdiameter 1 mm',
      'bersalut rutil',
      'dapat dipakai untuk semua posisi pengelasan',
    ],
    'D',
  ],
  ['Posisi pengelasan 3G adalah pengelasan kampuh tumpul (groove) pada posisi …', ['datar', 'horizontal', 'vertikal', 'di atas kepala'], 'C'],
  ['Posisi pengelasan 4G adalah pengelasan kampuh tumpul pada posisi …', ['di atas kepala (overhead)', 'datar', 'horizontal', 'vertikal'], 'A'],
  [
    'Posisi pengelasan 1F adalah …',
    ['las tumpul posisi datar', 'las sudut (fillet) posisi datar', 'las sudut posisi vertikal', 'las pipa posisi tetap'],
    'B',
  ],
  [
    'Nomor kaca filter (shade) helm las yang umum dipakai untuk SMAW dengan arus sekitar 100–150 A adalah …',
    ['3', '5', '10', '1'],
    'C',
  ],
  [
    'Elektroda E7018 (hidrogen rendah) sebelum dipakai sebaiknya …',
    [
      'direndam air agar dingin',
      'dibengkokkan agar lentur',
      'dibiarkan di udara terbuka semalam',
      'dikeringkan dan disimpan di oven elektroda agar bebas lembap',
    ],
    'D',
  ],
  [
    'Cacat las berupa lubang-lubang kecil akibat gas yang terperangkap di dalam logam las disebut …',
    ['porositas', 'undercut', 'spatter', 'distorsi'],
    'A',
  ],
  [
    'Cacat las berupa alur atau takik pada logam induk di tepi manik las yang tidak terisi logam las disebut …',
    ['porositas', 'undercut', 'overlap', 'retak'],
    'B',
  ],
  ['Butiran logam cair yang memercik di sekitar jalur las disebut …', ['terak (slag)', 'penetrasi', 'spatter', 'kampuh'], 'C'],
  [
    'Lapisan keras yang menutupi manik las, berasal dari fluks, dan harus dibersihkan disebut …',
    ['spatter', 'kawah las', 'kampuh', 'terak (slag)'],
    'D',
  ],
  [
    'Alat yang dipakai untuk membersihkan terak las adalah …',
    ['palu terak (chipping hammer) dan sikat kawat', 'tang ampere', 'kikir bulat', 'mistar baja'],
    'A',
  ],
  [
    'Mesin las SMAW termasuk sumber listrik jenis …',
    ['tegangan konstan (constant voltage)', 'arus konstan (constant current)', 'tanpa pengaturan arus', 'tenaga surya'],
    'B',
  ],
  [
    'Akibat busur las yang terlalu panjang adalah …',
    [
      'penetrasi terlalu dalam',
      'elektroda menempel pada benda kerja',
      'penetrasi dangkal dan banyak percikan',
      'manik las sempit dan rapi',
    ],
    'C',
  ],
  [
    'Bila arus las terlalu kecil, biasanya …',
    [
      'benda kerja berlubang',
      'penetrasi berlebihan',
      'elektroda cepat membara merah',
      'elektroda mudah menempel (lengket) pada benda kerja',
    ],
    'D',
  ],
  ['Pada polaritas DCEP (DC+), elektroda dihubungkan ke …', ['kutub positif mesin las', 'kutub negatif mesin las', 'tanah', 'tabung gas'], 'A'],
  [
    'Sudut kampuh V tunggal (sudut total kedua sisi) yang umum pada uji pelat 3G tebal 10–12 mm adalah sekitar …',
    ['30°', '60°', '90°', '120°'],
    'B',
  ],
  [
    'Pemeriksaan hasil las dengan mata, dibantu kaca pembesar dan alat ukur las, disebut …',
    ['uji tarik', 'uji radiografi', 'uji visual', 'uji kekerasan'],
    'C',
  ],
  [
    'Uji tekuk (bending) pada sambungan las bertujuan untuk …',
    [
      'mengukur warna manik las',
      'mengetahui berat pelat',
      'mengukur tegangan listrik',
      'mengetahui keuletan sambungan dan adanya cacat di dalamnya',
    ],
    'D',
  ],
  [
    'Pada pengelasan SMAW posisi 3G naik (uphill), arah pengelasan yang benar adalah …',
    ['dari bawah ke atas', 'dari atas ke bawah', 'dari kiri ke kanan mendatar', 'melingkar'],
    'A',
  ],
  [
    'Distorsi (perubahan bentuk) pada pengelasan disebabkan oleh …',
    [
      'penggunaan helm las',
      'pemuaian dan penyusutan logam akibat panas yang tidak merata',
      'elektroda yang terlalu kering',
      'benda kerja yang terlalu bersih',
    ],
    'B',
  ],
  [
    'Cara mengurangi distorsi pada pengelasan adalah …',
    [
      'menaikkan arus setinggi-tingginya',
      'mengelas tanpa henti dengan busur panjang',
      'membuat las catat (tack weld) yang cukup dan mengatur urutan pengelasan secara seimbang',
      'menyiram benda kerja dengan air sebelum dilas',
    ],
    'C',
  ],
  [
    'APD yang wajib dipakai saat mengelas SMAW adalah …',
    [
      'kacamata hitam biasa dan sandal',
      'masker kain dan kaus lengan pendek',
      'sarung tangan karet tipis dan topi',
      'helm las, sarung tangan kulit, apron atau jaket las, dan sepatu keselamatan',
    ],
    'D',
  ],
  [
    'Mata perih seperti kemasukan pasir setelah melihat busur las tanpa pelindung disebabkan oleh sinar …',
    ['ultraviolet', 'hijau', 'sinar-X', 'gamma'],
    'A',
  ],
  ['Kabel massa (kabel arde) dipasang pada …', ['pemegang elektroda', 'benda kerja atau meja las', 'helm las', 'tabung gas'], 'B'],
  [
    'Sebelum dilas, permukaan pelat dibersihkan dari karat, cat, dan minyak karena …',
    ['agar arus menjadi kecil', 'agar elektroda lebih awet', 'kotoran dapat menimbulkan cacat las seperti porositas', 'agar pelat lebih ringan'],
    'C',
  ],
  [
    'Arus yang sesuai untuk elektroda E6013 berdiameter 2,6 mm kira-kira …',
    ['10–20 A', '150–200 A', '250–300 A', '60–90 A'],
    'D',
  ],
  [
    'Bahaya utama asap las di ruang tertutup tanpa ventilasi adalah …',
    ['gangguan pernapasan karena menghirup asap dan gas las', 'kulit menjadi lebih putih', 'rambut rontok seketika', 'mesin las cepat rusak'],
    'A',
  ],
]

// ---------------------------------------------------------------------------------------
// Written test: Otomotif (motorcycle maintenance, fuel injection)

const AUTOMOTIVE: Mc[] = [
  [
    'Urutan langkah kerja motor bensin 4 langkah yang benar adalah …',
    ['hisap – kompresi – usaha – buang', 'kompresi – hisap – buang – usaha', 'hisap – usaha – kompresi – buang', 'buang – hisap – usaha – kompresi'],
    'A',
  ],
  ['Dalam satu siklus kerja motor 4 langkah, poros engkol berputar sebanyak …', ['1 kali', '2 kali', '4 kali', 'setengah kali'], 'B'],
  [
    'Pada sepeda motor, singkatan EFI adalah …',
    ['Engine Fuel Ignition', 'Electric Fan Intake', 'Electronic Fuel Injection', 'Exhaust Flow Indicator'],
    'C',
  ],
  ['Komponen yang menyemprotkan bahan bakar pada sistem injeksi adalah …', ['karburator', 'busi', 'koil', 'injektor'], 'D'],
  [
    'Sensor yang mendeteksi besar bukaan katup gas (throttle) disebut …',
    ['TPS (Throttle Position Sensor)', 'sensor suhu mesin', 'sensor oksigen', 'sensor posisi poros engkol'],
    'A',
  ],
  [
    'Sensor ECT atau EOT pada sistem injeksi sepeda motor berfungsi mendeteksi …',
    ['kecepatan roda', 'suhu mesin (cairan pendingin atau oli)', 'tekanan ban', 'posisi tuas kopling'],
    'B',
  ],
  [
    'Sensor CKP (Crankshaft Position) memberi informasi kepada ECU tentang …',
    ['jumlah bensin di tangki', 'suhu udara luar', 'putaran dan posisi poros engkol', 'tekanan oli'],
    'C',
  ],
  [
    'Pada sistem injeksi sepeda motor, tekanan bahan bakar dibangkitkan oleh …',
    ['gaya gravitasi saja', 'karburator', 'kipas radiator', 'pompa bahan bakar listrik di dalam tangki'],
    'D',
  ],
  [
    'Fungsi busi adalah …',
    [
      'memercikkan bunga api untuk membakar campuran udara dan bahan bakar',
      'menyemprotkan bahan bakar',
      'mendinginkan mesin',
      'mengisi aki',
    ],
    'A',
  ],
  ['Celah elektroda busi sepeda motor umumnya sekitar …', ['0,05 mm', '0,6–0,9 mm', '3–4 mm', '10 mm'], 'B'],
  ['Alat untuk mengukur celah katup adalah …', ['multimeter', 'kunci momen', 'feeler gauge (fuller)', 'hidrometer'], 'C'],
  [
    'Penyetelan celah katup dilakukan ketika piston berada di …',
    ['TMB pada langkah hisap', 'tengah langkah usaha', 'TMA akhir langkah buang', 'TMA (titik mati atas) akhir langkah kompresi'],
    'D',
  ],
  [
    'Tegangan aki 12 volt sepeda motor yang terisi penuh, diukur saat mesin mati, kira-kira …',
    ['12,6–13 volt', '6 volt', '24 volt', '220 volt'],
    'A',
  ],
  [
    'Fungsi regulator/rectifier pada sistem pengisian sepeda motor adalah …',
    [
      'menyalakan lampu rem',
      'menyearahkan arus AC dari spul dan membatasi tegangan pengisian',
      'mengatur campuran bahan bakar',
      'memutar motor starter',
    ],
    'B',
  ],
  [
    'Pada sistem pengisian sepeda motor, arus bolak-balik (AC) dihasilkan oleh …',
    ['aki', 'ECU', 'alternator (spul dan magnet)', 'busi'],
    'C',
  ],
  [
    'Fungsi oli mesin adalah …',
    ['menambah tenaga pembakaran', 'menaikkan tekanan ban', 'menggantikan sebagian bensin', 'melumasi, mendinginkan, dan membersihkan bagian mesin'],
    'D',
  ],
  [
    'Kode oli SAE 10W-30 berarti …',
    [
      'oli multigrade: kekentalan 10W saat dingin (W = winter) dan 30 pada suhu kerja mesin',
      'oli khusus mesin diesel isi 10 liter',
      'oli yang mengandung 30% air',
      'oli untuk jarak tempuh 10.000–30.000 km',
    ],
    'A',
  ],
  [
    'Pada sepeda motor matik (skuter), komponen yang memindahkan tenaga dan mengubah perbandingan secara otomatis adalah …',
    ['rantai dan gir', 'CVT (puli dan sabuk/V-belt)', 'karburator', 'kopling manual'],
    'B',
  ],
  [
    'Roller pada puli penggerak CVT berfungsi …',
    [
      'menyalakan lampu indikator',
      'mengukur kecepatan kendaraan',
      'terlempar oleh gaya sentrifugal dan mendorong puli sehingga diameter putar sabuk berubah',
      'menyimpan oli transmisi',
    ],
    'C',
  ],
  [
    'Lampu MIL (Malfunction Indicator Lamp) yang tetap menyala saat mesin hidup menandakan …',
    ['tangki bensin penuh', 'lampu jauh menyala', 'kampas rem depan aus', 'ECU mendeteksi gangguan pada sistem injeksi atau sensornya'],
    'D',
  ],
  [
    'Kode kerusakan (DTC) pada sepeda motor injeksi dapat dibaca dengan …',
    ['alat diagnosis (scan tool) yang dihubungkan ke konektor diagnosis', 'hidrometer', 'obeng plus', 'feeler gauge'],
    'A',
  ],
  ['Rem cakram sepeda motor memakai cairan …', ['oli mesin', 'minyak rem (DOT 3 atau DOT 4)', 'air radiator', 'bensin'], 'B'],
  [
    'Gejala kampas rem yang sudah aus antara lain …',
    ['lampu depan lebih terang', 'mesin lebih bertenaga', 'bunyi berdecit dan pengereman kurang pakem', 'konsumsi bensin turun'],
    'C',
  ],
  ['Tekanan angin ban diukur dalam satuan …', ['volt', 'ampere', 'rpm', 'psi atau kPa'], 'D'],
  [
    'Fungsi throttle body pada sistem injeksi adalah …',
    ['mengatur jumlah udara yang masuk ke mesin', 'menyemprotkan oli', 'menyimpan bahan bakar', 'mendinginkan ECU'],
    'A',
  ],
  [
    'Alat untuk mengencangkan baut sesuai spesifikasi momen pengencangan adalah …',
    ['kunci inggris', 'kunci momen (torque wrench)', 'tang kombinasi', 'kunci L'],
    'B',
  ],
  ['Satuan momen pengencangan baut pada buku pedoman servis adalah …', ['km/jam', 'volt', 'N·m (newton meter)', 'liter'], 'C'],
  ['Alat untuk mengukur tekanan kompresi silinder adalah …', ['multimeter', 'feeler gauge', 'pengukur tekanan ban', 'compression tester'], 'D'],
  [
    'Kompresi mesin yang rendah dapat disebabkan oleh …',
    ['ring piston aus atau katup tidak menutup rapat', 'aki terisi terlalu penuh', 'ban kurang angin', 'lampu sein putus'],
    'A',
  ],
  [
    'Sebelum melepas komponen kelistrikan sepeda motor, langkah keselamatan yang benar adalah …',
    [
      'menghidupkan mesin terlebih dahulu',
      'melepas kabel negatif (–) aki terlebih dahulu',
      'menyiram komponen dengan air',
      'melepas kabel positif (+) aki sambil mesin hidup',
    ],
    'B',
  ],
]

// ---------------------------------------------------------------------------------------
// Written test: Teknologi Informasi dan Komunikasi (graphic design)

const GRAPHIC_DESIGN: Mc[] = [
  ['Model warna untuk tampilan di layar monitor dan ponsel adalah …', ['RGB', 'CMYK', 'Pantone', 'skala abu-abu'], 'A'],
  ['Model warna untuk keperluan cetak adalah …', ['RGB', 'CMYK', 'HSL', 'HEX'], 'B'],
  ['Pada model warna CMYK, huruf K mewakili warna …', ['kuning', 'krem', 'hitam (key)', 'kobalt'], 'C'],
  [
    'Keunggulan gambar vektor dibandingkan gambar bitmap adalah …',
    ['hanya dapat berwarna hitam putih', 'ukuran berkasnya selalu lebih besar', 'tidak dapat diwarnai', 'tidak pecah ketika diperbesar'],
    'D',
  ],
  ['Gambar bitmap (raster) tersusun dari …', ['piksel', 'garis dan kurva matematis', 'lapisan kertas', 'kode HTML'], 'A'],
  ['Resolusi yang umum untuk hasil cetak berkualitas baik adalah …', ['72 dpi', '300 dpi', '10 dpi', '30 dpi'], 'B'],
  ['Format berkas yang mendukung latar transparan dan cocok untuk logo di web adalah …', ['JPG', 'BMP', 'PNG', 'TXT'], 'C'],
  [
    'Format JPG paling cocok untuk …',
    ['teks yang harus tetap tajam ketika diperbesar berkali-kali', 'lembar kerja (spreadsheet)', 'logo dengan latar transparan', 'foto dengan banyak gradasi warna'],
    'D',
  ],
  ['Aplikasi sumber terbuka (open source) untuk membuat desain vektor adalah …', ['Inkscape', 'GIMP', 'Audacity', 'LibreOffice Calc'], 'A'],
  ['Aplikasi sumber terbuka untuk menyunting foto (gambar raster) adalah …', ['Inkscape', 'GIMP', 'Audacity', 'LibreOffice Calc'], 'B'],
  ['Jenis huruf yang memiliki kait atau kaki kecil pada ujung hurufnya disebut …', ['sans serif', 'script', 'serif', 'monospace'], 'C'],
  ['Dalam tipografi, jarak antarbaris disebut …', ['kerning', 'tracking', 'baseline', 'leading'], 'D'],
  ['Pengaturan jarak antara dua huruf tertentu yang berpasangan disebut …', ['kerning', 'leading', 'margin', 'baseline'], 'A'],
  ['Pada lingkaran warna merah-kuning-biru, warna komplementer (berseberangan) dari biru adalah …', ['hijau', 'jingga', 'ungu', 'merah muda'], 'B'],
  [
    'Prinsip desain yang membuat elemen terpenting paling menonjol dan dilihat pertama kali adalah …',
    ['repetisi', 'margin', 'hierarki visual (penekanan)', 'kesatuan warna'],
    'C',
  ],
  ['Ukuran kertas A4 adalah …', ['215 × 330 mm', '297 × 420 mm', '148 × 210 mm', '210 × 297 mm'], 'D'],
  ['Ukuran gambar persegi yang umum untuk unggahan Instagram adalah …', ['1080 × 1080 piksel', '100 × 100 piksel', '1920 × 200 piksel', '640 × 4800 piksel'], 'A'],
  [
    'Bleed pada desain cetak adalah …',
    [
      'jarak antarkata dalam paragraf',
      'bagian desain yang dilebihkan melewati garis potong agar tidak ada tepi putih setelah dipotong',
      'warna latar halaman',
      'jenis kertas mengilap',
    ],
    'B',
  ],
  ['Ukuran bleed yang umum untuk materi cetak adalah …', ['30 mm', '0,1 mm', '3 mm', '10 cm'], 'C'],
  [
    'Fungsi layer (lapisan) dalam aplikasi desain adalah …',
    ['mencetak dokumen', 'mengirim e-mail', 'memperkecil ukuran berkas', 'memisahkan elemen agar dapat disunting tanpa mengganggu elemen lain'],
    'D',
  ],
  ['Kombinasi tombol untuk membatalkan perintah terakhir (undo) di kebanyakan aplikasi Windows adalah …', ['Ctrl + Z', 'Ctrl + C', 'Ctrl + V', 'Ctrl + P'], 'A'],
  ['Kombinasi tombol untuk menyalin (copy) adalah …', ['Ctrl + X', 'Ctrl + C', 'Ctrl + S', 'Ctrl + A'], 'B'],
  [
    'Ruang kosong di sekitar elemen desain yang membantu keterbacaan disebut …',
    ['bleed', 'gradien', 'ruang kosong (white space)', 'piksel'],
    'C',
  ],
  [
    'Foto yang ditemukan di internet …',
    [
      'boleh dipakai untuk keperluan komersial tanpa izin',
      'boleh dipakai asalkan warnanya diubah',
      'tidak dilindungi hak cipta',
      'tidak boleh dipakai tanpa izin atau lisensi dari pemegang hak ciptanya',
    ],
    'D',
  ],
  ['Kode warna HEX #FFFFFF adalah warna …', ['putih', 'hitam', 'merah', 'biru'], 'A'],
  ['Kode warna HEX #000000 adalah warna …', ['putih', 'hitam', 'abu-abu', 'hijau'], 'B'],
  [
    'Format berkas yang paling tepat untuk mengirim desain siap cetak ke percetakan adalah …',
    ['GIF', 'MP3', 'PDF beresolusi tinggi (misalnya PDF/X)', 'DOCX'],
    'C',
  ],
  ['Tata letak yang menyusun elemen berdasarkan kolom dan baris bantu disebut …', ['kerning', 'vignette', 'dithering', 'sistem grid'], 'D'],
  ['Satuan ukuran huruf dalam tipografi adalah …', ['point (pt)', 'meter', 'gram', 'liter'], 'A'],
  ['Kelompok warna yang terasa "hangat" adalah …', ['biru, hijau, ungu', 'merah, jingga, kuning', 'abu-abu dan hitam', 'putih dan perak'], 'B'],
]

// ---------------------------------------------------------------------------------------
// Written test: Garmen Apparel (sewing women's clothing)

const GARMENT: Mc[] = [
  ['Alat untuk mengukur lingkar badan adalah …', ['pita ukur (meteran jahit)', 'penggaris siku', 'jangka sorong', 'rader'], 'A'],
  [
    'Lingkar badan diukur …',
    [
      'sekeliling pinggang yang paling kecil',
      'sekeliling badan bagian terbesar melalui puncak dada, dengan pita ukur mendatar',
      'dari bahu sampai pinggang',
      'sekeliling leher',
    ],
    'B',
  ],
  [
    'Lingkar pinggang diukur …',
    ['sekeliling panggul yang terbesar', 'sekeliling dada', 'sekeliling pinggang yang paling kecil, pas dan tidak terlalu kencang', 'dari pinggang sampai lutut'],
    'C',
  ],
  [
    'Rader (roda jahit) dipakai untuk …',
    ['memotong kain', 'menjahit lubang kancing', 'mengukur badan', 'memindahkan tanda pola ke kain dengan bantuan karbon jahit'],
    'D',
  ],
  ['Kapur jahit berfungsi untuk …', ['memberi tanda pada kain', 'menghaluskan jahitan', 'menguatkan benang', 'melumasi mesin jahit'], 'A'],
  [
    'Tanda arah serat kain pada pola berupa …',
    ['lingkaran kecil', 'garis panah lurus yang diletakkan sejajar serat memanjang kain (benang lungsin)', 'garis zig-zag', 'huruf X'],
    'B',
  ],
  [
    'Tepi kain yang tidak bertiras dan sejajar benang lungsin disebut …',
    ['kampuh', 'plisket', 'tepi kain (selvedge)', 'serip'],
    'C',
  ],
  [
    'Kampuh (kelebihan jahitan) adalah …',
    ['garis lipatan kain', 'hiasan renda', 'jenis benang', 'kelebihan kain di luar garis jahitan pola'],
    'D',
  ],
  [
    'Kampuh yang dibuat dengan dua kali menjahit — pertama dengan sisi buruk kain saling berhadapan, lalu dibalik dan dijahit lagi sehingga tiras terbungkus di dalam — disebut …',
    ['kampuh Prancis', 'kampuh terbuka', 'kampuh obras', 'kampuh tindas'],
    'A',
  ],
  [
    'Mesin untuk merapikan tepi kain agar tidak bertiras adalah …',
    ['mesin lubang kancing', 'mesin obras (overlock)', 'mesin bordir', 'mesin pres'],
    'B',
  ],
  [
    'Jarum mesin jahit yang tumpul atau bengkok dapat menyebabkan …',
    ['benang menjadi lebih kuat', 'mesin berjalan lebih cepat', 'jahitan meloncat dan kain rusak', 'warna kain memudar'],
    'C',
  ],
  [
    'Sebelum dipotong, kain katun sebaiknya …',
    ['langsung dijahit tanpa diukur', 'disetrika dengan suhu tertinggi sampai kecokelatan', 'diberi lem kain', 'direndam atau dicuci dulu (didekatir) agar tidak menyusut setelah jadi'],
    'D',
  ],
  [
    'Kupnat pada pola badan berfungsi untuk …',
    ['membentuk pakaian agar mengikuti lekuk tubuh', 'menghias kerah', 'menambah panjang pakaian', 'menggantikan kancing'],
    'A',
  ],
  ['Proses mengubah pola dasar menjadi pola sesuai model busana disebut …', ['menjelujur', 'pecah pola', 'mengobras', 'mengelim'], 'B'],
  [
    'Jahitan sementara dengan setik panjang-panjang yang dibuat sebelum dijahit dengan mesin disebut tusuk …',
    ['sum', 'feston', 'jelujur', 'rantai'],
    'C',
  ],
  [
    'Tusuk tangan untuk menyelesaikan kelim agar jahitannya tidak tampak dari luar adalah tusuk …',
    ['jelujur', 'silang', 'rantai', 'sum'],
    'D',
  ],
  ['Bagian "buruk" kain adalah …', ['sisi dalam kain yang tidak tampak dari luar', 'sisi luar kain', 'kain yang rusak', 'sisa potongan kain'], 'A'],
  [
    'Suhu setrika untuk kain sutra dan kain sintetis sebaiknya …',
    ['setinggi-tingginya', 'rendah', 'sama dengan untuk kain linen', 'tidak perlu diatur'],
    'B',
  ],
  ['Ukuran panjang rok diukur dari …', ['bahu sampai lutut', 'ketiak sampai pinggang', 'pinggang sampai panjang yang diinginkan', 'leher sampai pinggang'], 'C'],
  [
    'Ritsleting jepang (ritsleting tersembunyi) dipasang dengan bantuan …',
    ['sepatu obras', 'jarum kembar', 'mesin bordir', 'sepatu mesin (presser foot) khusus ritsleting jepang'],
    'D',
  ],
  [
    'Kelim adalah …',
    ['lipatan tepi bawah pakaian atau ujung lengan yang dijahit', 'kerah kemeja', 'tanda pada pola', 'jenis kancing'],
    'A',
  ],
  [
    'Urutan kerja yang tepat dalam membuat busana adalah …',
    [
      'memotong kain – mengukur badan – menjahit – membuat pola',
      'mengukur badan – membuat pola – meletakkan pola dan memotong kain – menjahit – menyelesaikan',
      'menjahit – memotong kain – mengukur badan – membuat pola',
      'membuat pola – menjahit – mengukur badan – memotong kain',
    ],
    'B',
  ],
  ['Tanda "TM" pada pola berarti …', ['tengah belakang', 'tanda kampuh', 'tengah muka (garis tengah bagian depan)', 'tanda lubang kancing'], 'C'],
  [
    'Bila pola bagian depan diletakkan pada lipatan kain (tengah muka tanpa sambungan), maka …',
    [
      'pola diletakkan miring 45°',
      'pada lipatan diberi kampuh 5 cm',
      'kain dipotong tepat pada lipatannya',
      'garis tengah muka pola diletakkan tepat pada lipatan kain dan tidak diberi kampuh',
    ],
    'D',
  ],
  [
    'Kain yang dipotong arah serong (bias, 45° terhadap serat) bersifat …',
    ['lebih mulur sehingga cocok untuk serip (bias tape) dan lengkung leher', 'paling kaku', 'tidak dapat dijahit', 'tidak berserat'],
    'A',
  ],
  [
    'Untuk menjahit kain denim (jeans) yang tebal, sebaiknya dipakai jarum mesin nomor …',
    ['9 (65)', '11 (75)', '16 atau 18 (100–110)', 'jarum jahit tangan'],
    'C',
  ],
  [
    'Pada mesin jahit, benang bawah digulung pada spul yang dipasang di dalam …',
    ['pita ukur', 'rumah sekoci', 'rader', 'kapur jahit'],
    'B',
  ],
  [
    'Tindakan K3 yang benar di ruang jahit adalah …',
    [
      'meletakkan gunting dalam keadaan terbuka di lantai',
      'menahan kain dengan jari tepat di bawah jarum',
      'menyambung banyak steker pada satu stopkontak',
      'mematikan mesin saat mengganti jarum atau memasang benang',
    ],
    'D',
  ],
  ['Serat katun berasal dari …', ['buah tanaman kapas', 'kepompong ulat sutra', 'minyak bumi', 'bulu domba'], 'A'],
  [
    'Pakaian jadi yang dibuat dalam ukuran standar S, M, L, dan XL disebut …',
    ['busana adibusana', 'busana siap pakai (ready to wear)', 'busana pesanan ukuran badan', 'busana adat'],
    'B',
  ],
]

// ---------------------------------------------------------------------------------------

/** Round-robin across scales, so a questionnaire does not ask about one topic ten times in a row. */
function interleave<T>(groups: T[][]): T[] {
  const out: T[] = []
  const longest = Math.max(...groups.map((g) => g.length))
  for (let i = 0; i < longest; i++) for (const g of groups) if (i < g.length) out.push(g[i]!)
  return out
}

function mcItems(items: readonly Mc[]): DemoBank['items'] {
  return items.map(([stem, options, key]) => ({
    type: 'multiple_choice' as const,
    stem,
    options: options.map((text, i) => ({ key: 'ABCDE'[i]!, text })),
    correctOptionKey: key,
    scaleCode: null,
    reverseScored: false,
  }))
}

export const DEMO_BANKS: DemoBank[] = [
  {
    code: 'PD',
    kind: 'self_assessment',
    title: 'Asesmen Penilaian Diri',
    description:
      'Pernyataan tentang kesiapan mengikuti pelatihan, disiplin, kemauan belajar, kerja sama, keselamatan kerja, literasi digital, dan motivasi. Tidak ada jawaban benar atau salah; jawablah sesuai keadaan Anda.',
    vocationalField: null,
    scales: SELF_SCALES,
    items: interleave(
      SELF_SCALES.map((s) =>
        SELF_STATEMENTS[s.code]!.map(([stem, reverse]) => ({
          type: 'likert' as const,
          stem,
          options: LIKERT_OPTIONS.map((o) => ({ ...o })),
          correctOptionKey: null,
          scaleCode: s.code,
          reverseScored: reverse,
        })),
      ),
    ),
  },
  {
    code: 'SPI',
    kind: 'potential',
    title: 'Asesmen Potensi Diri (SPI)',
    description:
      'Inventori minat: seberapa suka Anda melakukan setiap kegiatan. Hasilnya berupa profil minat dan saran bidang kejuruan yang cocok.',
    vocationalField: null,
    scales: POTENTIAL_SCALES,
    items: interleave(
      POTENTIAL_SCALES.map((s) =>
        POTENTIAL_ITEMS[s.code]!.map((stem) => ({
          type: 'scaled' as const,
          stem,
          options: SCALED_OPTIONS.map((o) => ({ ...o })),
          correctOptionKey: null,
          scaleCode: s.code,
          reverseScored: false,
        })),
      ),
    ),
  },
  {
    code: 'SL-UMUM',
    kind: 'written_test',
    title: 'Tes Tertulis — Kemampuan Umum',
    description: 'Bagian umum Asesmen Siap Latih: verbal, numerik, logika, dan dasar K3.',
    vocationalField: null,
    scales: [],
    items: mcItems(GENERAL),
  },
  {
    code: 'SL-LAS',
    kind: 'written_test',
    title: 'Tes Tertulis — Las (SMAW)',
    description: 'Pengetahuan dasar pengelasan busur manual SMAW dan keselamatan kerja las.',
    vocationalField: LAS,
    scales: [],
    items: mcItems(WELDING),
  },
  {
    code: 'SL-OTO',
    kind: 'written_test',
    title: 'Tes Tertulis — Otomotif (Sepeda Motor)',
    description: 'Pengetahuan dasar mesin, sistem injeksi, kelistrikan, dan perawatan sepeda motor.',
    vocationalField: OTO,
    scales: [],
    items: mcItems(AUTOMOTIVE),
  },
  {
    code: 'SL-TIK',
    kind: 'written_test',
    title: 'Tes Tertulis — TIK (Desain Grafis)',
    description: 'Pengetahuan dasar desain grafis: warna, tipografi, format berkas, tata letak, dan hak cipta.',
    vocationalField: TIK,
    scales: [],
    items: mcItems(GRAPHIC_DESIGN),
  },
  {
    code: 'SL-GAR',
    kind: 'written_test',
    title: 'Tes Tertulis — Garmen Apparel (Menjahit)',
    description: 'Pengetahuan dasar mengukur badan, pola, menjahit, dan penyelesaian busana.',
    vocationalField: GAR,
    scales: [],
    items: mcItems(GARMENT),
  },
]

/** The written test of every demo batch: 15 general + 25 field questions, 40 minutes, pass at 60 %. */
export const DEMO_WRITTEN_TEST = { general: 15, field: 25, timeLimitMinutes: 40, passMark: 60 } as const

/**
 * Create the demo banks (those not there yet, by code) and configure every batch of the
 * institution that has no assessment configuration. Safe to run again: it changes
 * nothing the second time. Returns what it did.
 */
export async function seedDemoAssessments(
  db: DbOrTx,
  institutionId: string,
  now: Date,
): Promise<{ banksCreated: string[]; batchesConfigured: number }> {
  return (db as Db).transaction(async (tx) => {
    const existing = await tx
      .select()
      .from(questionBank)
      .where(and(eq(questionBank.institutionId, institutionId), inArray(questionBank.code, DEMO_BANKS.map((b) => b.code))))
    const have = new Set(existing.map((b) => b.code))
    const banksCreated: string[] = []
    for (const demo of DEMO_BANKS) {
      if (have.has(demo.code)) continue
      const [bank] = await tx
        .insert(questionBank)
        .values({
          institutionId,
          kind: demo.kind,
          code: demo.code,
          title: demo.title,
          description: demo.description,
          vocationalField: demo.vocationalField,
          scales: demo.scales,
          createdAt: now,
        })
        .returning()
      existing.push(bank!)
      const questions = await tx
        .insert(question)
        .values(
          demo.items.map((_, i) => ({
            bankId: bank!.id,
            code: `${demo.code}-${String(i + 1).padStart(3, '0')}`,
            position: i + 1,
            currentVersion: 1,
            createdAt: now,
          })),
        )
        .returning({ id: question.id, position: question.position })
      const idAt = new Map(questions.map((q) => [q.position, q.id]))
      await tx.insert(questionVersion).values(
        demo.items.map((item, i) => ({
          questionId: idAt.get(i + 1)!,
          version: 1,
          ...item,
          imageKey: null,
          createdAt: now,
          createdBy: null,
        })),
      )
      banksCreated.push(demo.code)
    }

    const byCode = new Map(existing.map((b) => [b.code, b]))
    // Counts from what the banks hold now: an administrator may have archived a question.
    const active = await activeCounts(tx, existing.map((b) => b.id))
    const activeOf = (code: string) => active.get(byCode.get(code)?.id ?? '') ?? 0
    const batches = await tx
      .select({ id: batch.id, vocationalField: programme.vocationalField })
      .from(batch)
      .innerJoin(programme, eq(programme.id, batch.programmeId))
      .where(eq(batch.institutionId, institutionId))
    const configured = new Set(
      batches.length
        ? (
            await tx
              .selectDistinct({ batchId: batchAssessment.batchId })
              .from(batchAssessment)
              .where(inArray(batchAssessment.batchId, batches.map((b) => b.id)))
          ).map((r) => r.batchId)
        : [],
    )
    const pd = byCode.get('PD')
    const spi = byCode.get('SPI')
    const general = byCode.get('SL-UMUM')
    let batchesConfigured = 0
    for (const b of batches) {
      if (configured.has(b.id) || !pd || !spi || !general) continue
      const fieldBank = existing.find((x) => x.kind === 'written_test' && x.vocationalField === b.vocationalField)
      const total = DEMO_WRITTEN_TEST.general + DEMO_WRITTEN_TEST.field
      const written: AssessmentSource[] = fieldBank
        ? [
            { bankId: general.id, count: Math.min(DEMO_WRITTEN_TEST.general, activeOf('SL-UMUM')) },
            { bankId: fieldBank.id, count: Math.min(DEMO_WRITTEN_TEST.field, active.get(fieldBank.id) ?? 0) },
          ]
        : // A programme outside the demo fields still gets a full-length general test.
          [{ bankId: general.id, count: Math.min(total, activeOf('SL-UMUM')) }]
      await tx.insert(batchAssessment).values([
        { batchId: b.id, kind: 'self_assessment', sources: [{ bankId: pd.id, count: activeOf('PD') }], timeLimitMinutes: null, passMark: null },
        { batchId: b.id, kind: 'potential', sources: [{ bankId: spi.id, count: activeOf('SPI') }], timeLimitMinutes: null, passMark: null },
        {
          batchId: b.id,
          kind: 'written_test',
          sources: written,
          timeLimitMinutes: DEMO_WRITTEN_TEST.timeLimitMinutes,
          passMark: DEMO_WRITTEN_TEST.passMark,
        },
      ])
      batchesConfigured++
    }

    if (banksCreated.length > 0 || batchesConfigured > 0) {
      await recordAudit(tx, SYSTEM, now, {
        action: 'assessment.demo_seed',
        entityType: 'institution',
        entityId: institutionId,
        institutionId,
        after: { banksCreated, batchesConfigured },
      })
    }
    return { banksCreated, batchesConfigured }
  })
}
