/// The page's one stylesheet and one script, served from /static/ (CSP: `script-src 'self'`).
enum Assets {
    static let style = """
    *{box-sizing:border-box}body{margin:0;font:16px/1.4 system-ui,"Noto Sans CJK SC",sans-serif;color:#111;background:#fafafa}
    header{padding:.5rem .8rem;background:#1d3557;color:#fff}header a{color:#fff}header h1{font-size:1.15rem;margin:.2rem 0}header p{margin:.2rem 0;font-size:.9rem}
    main{padding:.6rem .8rem;max-width:48rem;margin:auto}h2{font-size:1.05rem;margin:.4rem 0}
    .badge{display:inline-block;padding:0 .45rem;border-radius:.7rem;font-size:.85rem;background:#ddd;color:#111}
    .cleared{background:#2a9d8f;color:#fff}.blocked{background:#e63946;color:#fff}.pending,.stale{background:#f4a261}.closed{background:#555;color:#fff}
    #search{width:100%;font-size:1.1rem;padding:.6rem;margin:.6rem 0;border:1px solid #888;border-radius:.4rem}
    .people{list-style:none;padding:0;margin:0}.person{border-bottom:1px solid #ddd;padding:.3rem 0}
    .who{width:100%;text-align:left;background:none;border:0;font-size:1.05rem;padding:.5rem .2rem;color:inherit}
    .seat{display:inline-block;min-width:2rem;font-weight:bold}.id{color:#555;font-size:.85rem;font-family:monospace}
    .why{margin:.1rem 0 .1rem 2.2rem;padding:0;list-style:none;font-size:.85rem;color:#9b2226}
    form.record{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem;margin:.4rem 0 .4rem 2rem}.step{flex-basis:100%;font-size:.9rem}
    button{font-size:1rem;padding:.5rem .8rem;border-radius:.4rem;border:1px solid #1d3557;background:#fff;min-height:2.6rem}
    button.fail{border-color:#e63946;color:#9b2226}input[type=number]{width:6rem;font-size:1.1rem;padding:.4rem}
    .refused{color:#9b2226;font-weight:bold}.notice{background:#e9f5db;padding:.4rem}.inline{display:inline-block;margin:.2rem}
    .stack label{display:block;margin:.6rem 0}.stack input{display:block;width:100%;font-size:1.1rem;padding:.5rem}
    .trip{border:1px solid #ccc;border-radius:.4rem;padding:.4rem .6rem;margin:.6rem 0;background:#fff}.button{font-size:1.1rem}
    """

    /// Search, tap to record, live counts, and an offline queue: a record is kept in
    /// localStorage with its client_record_id until the server answers, and re-sent with the
    /// same id, so the server stores it once. A record sent within 30 s of the tap takes the
    /// server's time; one that waited longer in the queue carries the time it was taken (`at`).
    static let script = """
    (function(){
    'use strict';
    var counts=document.getElementById('counts');if(!counts)return;
    var trip=counts.dataset.trip,stop=counts.dataset.stop,csrf=(document.querySelector('meta[name=csrf-token]')||{}).content;
    var KEY='banche-queue-'+trip,flash=document.getElementById('flash'),qbadge=document.getElementById('queue'),busy=false;
    function queue(){try{return JSON.parse(localStorage.getItem(KEY)||'[]')}catch(e){return[]}}
    function save(q){localStorage.setItem(KEY,JSON.stringify(q));qbadge.hidden=q.length===0;qbadge.textContent=q.length+' waiting to send 待发送'}
    function say(t){flash.textContent=t;flash.hidden=!t}
    function rid(){var a=new Uint8Array(16);crypto.getRandomValues(a);return Array.prototype.map.call(a,function(b){return('0'+b.toString(16)).slice(-2)}).join('')}
    var search=document.getElementById('search');
    if(search)search.addEventListener('input',function(){var q=search.value.trim().toLowerCase();
      document.querySelectorAll('.person').forEach(function(li){li.hidden=q!==''&&li.dataset.search.indexOf(q)<0})});
    document.querySelectorAll('.who').forEach(function(b){b.addEventListener('click',function(){
      var s=b.parentNode.querySelector('.steps');s.hidden=!s.hidden;b.setAttribute('aria-expanded',String(!s.hidden))})});
    document.querySelectorAll('form.record').forEach(function(f){f.addEventListener('submit',function(ev){ev.preventDefault();
      var btn=ev.submitter,input=f.querySelector('input[name=value]'),value=input?input.value:(btn?btn.value:'');
      var r={step:f.dataset.step,at:new Date().toISOString(),t:Date.now(),client_record_id:rid()};
      if(f.dataset.worker)r.worker_id=f.dataset.worker;if(value!=='')r.value=value;
      var q=queue();q.push(r);save(q);if(input)input.value='';flush()})});
    function flush(){if(busy)return;var q=queue();if(!q.length)return;busy=true;var r=q[0];
      fetch('/api/trips/'+encodeURIComponent(trip)+'/records',{method:'POST',credentials:'same-origin',
        headers:{'Content-Type':'application/json','X-CSRF-Token':csrf},body:JSON.stringify(wire(r))})
      .then(function(res){return res.json().catch(function(){return{}}).then(function(body){busy=false;
        if(res.status===201||res.status===200){drop(r);say('');refresh();flush();return}
        if(res.status===401){say('Session ended: open your link again 请重新打开链接');return}
        if(res.status>=400&&res.status<500&&res.status!==429){drop(r);say(body.error||('refused '+res.status));refresh();flush();return}
        setTimeout(flush,5000)})})
      .catch(function(){busy=false;setTimeout(flush,5000)})}
    function wire(r){var b={step:r.step,client_record_id:r.client_record_id};if(r.worker_id)b.worker_id=r.worker_id;if(r.value!==undefined)b.value=r.value;
      if(!(Date.now()-r.t<30000))b.at=r.at;return b}
    function drop(r){save(queue().filter(function(x){return x.client_record_id!==r.client_record_id}))}
    function paint(el,v){if(!el)return;var b=el.querySelector('[data-status]');b.textContent=v.status;b.className='badge '+v.status;
      var w=el.querySelector('[data-why]');w.textContent='';v.findings.forEach(function(f){var li=document.createElement('li');li.textContent=f.reason;w.appendChild(li)})}
    function refresh(){fetch('/api/trips/'+encodeURIComponent(trip)+'/status'+(stop?'?stop='+encodeURIComponent(stop):''),{credentials:'same-origin'})
      .then(function(res){return res.ok?res.json():null}).then(function(d){if(!d)return;
        paint(document.querySelector('.vehicle'),d.vehicle);
        d.passengers.forEach(function(p){paint(document.querySelector('.person[data-worker="'+p.worker_id+'"]'),p)});
        ['cleared','blocked','pending'].forEach(function(k){var e=document.querySelector('[data-count='+k+']');if(e)e.textContent=d[k]})}).catch(function(){})}
    window.addEventListener('online',flush);save(queue());flush();setInterval(refresh,20000);setInterval(flush,15000);
    })();
    """
}
